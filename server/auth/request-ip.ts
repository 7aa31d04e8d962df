/**
 * The client's IP for rate limiting. CloudFront sets CloudFront-Viewer-Address (ip:port) itself
 * when the origin request policy forwards it; otherwise the first hop of X-Forwarded-For, then
 * X-Real-IP. Without a trusted proxy in front these headers are the client's word, which is why
 * the per-email limit does not depend on the IP.
 */
export function clientIp(headers: Headers): string {
  const viewer = headers.get("cloudfront-viewer-address");
  if (viewer) {
    // "203.0.113.7:46532", "2001:db8::1:46532" or "[2001:db8::1]:46532": always ends in the port.
    const bracketed = /^\[([^\]]+)\]/.exec(viewer);
    if (bracketed) return bracketed[1]!;
    return viewer.replace(/:\d+$/, "");
  }
  const firstHop = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (firstHop) return firstHop;
  return headers.get("x-real-ip")?.trim() || "unknown";
}
