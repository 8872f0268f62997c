import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CrashBoundary } from './components/CrashBoundary';
import { lastDocument } from './state/document/lastDocument';
import { keepOnCrash } from './state/bridges/useAutosave';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CrashBoundary document={lastDocument} onCrash={keepOnCrash}>
      <App />
    </CrashBoundary>
  </StrictMode>,
);
