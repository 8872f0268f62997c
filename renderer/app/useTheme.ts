import { useEffect, useState } from 'react';
import type { Theme } from '../components/Toolbar';

/** The theme picked in the toolbar; "system" follows the OS, live. */
export function useTheme() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    // The stylesheet only knows data-theme="dark" | "light".
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
  return [theme, setTheme] as const;
}
