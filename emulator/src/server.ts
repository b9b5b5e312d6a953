import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator } from "./app";
import { readEmulatorConfig, type EmulatorConfig } from "./config";

export type RunningEmulator = Emulator & { url: string; stop: () => Promise<void> };

/** Starts the emulator on `config.port` (0 = a free port). Used by main.ts and by tests. */
export async function startEmulator(overrides: Partial<EmulatorConfig> = {}): Promise<RunningEmulator> {
  const config = { ...readEmulatorConfig(), ...overrides };
  const emu = createEmulator(config);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emu.app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  return {
    ...emu,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          emu.close();
          resolve();
        });
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
