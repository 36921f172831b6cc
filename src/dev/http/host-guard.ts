/**
 * Guards a loopback-only server against DNS rebinding: a web page on another origin could otherwise
 * point its own host name at 127.0.0.1 and read the traces through the visitor's browser. Requests
 * must name a loopback host (or the host the server was bound to) in their `Host` header.
 *
 * @module
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Host part of a `Host` header, lowercased and without the port. */
export function hostName(header: string | undefined): string {
  if (header === undefined) return "";
  const host = header.trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon >= 0 ? host.slice(0, colon) : host;
}

/**
 * Whether a request with this `Host` header may be served.
 * @param boundHost - the address the server listens on; a wildcard (`0.0.0.0`, `::`) allows any host
 */
export function isAllowedHost(header: string | undefined, boundHost: string): boolean {
  if (boundHost === "0.0.0.0" || boundHost === "::" || boundHost === "") return true;
  const host = hostName(header);
  return LOOPBACK_HOSTS.has(host) || host === boundHost.toLowerCase() || host === `[${boundHost.toLowerCase()}]`;
}
