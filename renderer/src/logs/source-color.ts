/**
 * A stable colour per source, so a pod's lines keep their colour across reloads and
 * machines: a hue from a string hash (FNV-1a), with lightness left to the theme's CSS.
 */
export function sourceHue(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // 24 well-separated hues read better than 360 nearly identical ones.
  return ((hash >>> 0) % 24) * 15;
}
