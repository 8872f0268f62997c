import { setup } from 'xstate';
import { ACTOR, type SimEnv } from '../actors/env';
import { apnsMachine } from '../actors/apns/apnsMachine';
import { appProcessMachine } from '../actors/app/appProcessMachine';
import { callKitMachine } from '../actors/callKit/callKitMachine';
import { callServicesMachine } from '../actors/callServices/callServicesMachine';
import { deviceMachine } from '../actors/device/deviceMachine';

/**
 * The whole world: one actor per party, found by each other through their system ids. The provider
 * is not among them: `provider.ts` delivers the timeline straight to the actor each event concerns.
 */
export const ringsideMachine = setup({
  types: {
    context: {} as { env: SimEnv },
    input: {} as { env: SimEnv },
  },
  actors: {
    apns: apnsMachine,
    device: deviceMachine,
    callServices: callServicesMachine,
    app: appProcessMachine,
    callKit: callKitMachine,
  },
}).createMachine({
  id: 'ringside',
  context: ({ input }) => ({ env: input.env }),
  invoke: [
    { id: ACTOR.callKit, systemId: ACTOR.callKit, src: 'callKit', input: ({ context }) => ({ env: context.env }) },
    {
      id: ACTOR.callServices,
      systemId: ACTOR.callServices,
      src: 'callServices',
      input: ({ context }) => ({ env: context.env }),
    },
    { id: ACTOR.app, systemId: ACTOR.app, src: 'app', input: ({ context }) => ({ env: context.env }) },
    { id: ACTOR.device, systemId: ACTOR.device, src: 'device', input: ({ context }) => ({ env: context.env }) },
    {
      id: ACTOR.apns,
      systemId: ACTOR.apns,
      src: 'apns',
      input: ({ context }) => ({
        env: context.env,
        connected: context.env.scenario.device.network === 'wifi' || context.env.scenario.device.network === 'cellular',
        network: context.env.scenario.device.network,
      }),
    },
  ],
});
