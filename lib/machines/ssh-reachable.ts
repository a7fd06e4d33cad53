import net from "node:net";

/** True when something on host:port answers with an SSH banner within the timeout ("SSH answers"). */
export function sshReachable(host: string, port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    let buf = "";
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on("error", () => done(false));
    sock.on("data", (d) => {
      buf += d.toString("latin1");
      if (buf.includes("\n") || buf.length > 200) done(buf.startsWith("SSH-"));
    });
  });
}
