import os from 'node:os';
import path from 'node:path';

/**
 * Exec credential plugins (aws, gke-gcloud-auth-plugin, kubelogin) are found on PATH.
 * An app started from a desktop launcher gets a minimal PATH (/usr/bin:/bin), so the
 * places package managers install these plugins are appended, never prepended: the
 * user's own PATH keeps priority.
 */
export function withPluginSearchPath(
  current: string | undefined,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const delimiter = platform === 'win32' ? ';' : ':';
  const extra =
    platform === 'win32'
      ? []
      : [
          '/opt/homebrew/bin',
          '/usr/local/bin',
          '/usr/local/sbin',
          '/snap/bin',
          '/usr/local/google-cloud-sdk/bin',
          path.join(home, 'google-cloud-sdk', 'bin'),
          path.join(home, '.local', 'bin'),
          path.join(home, 'bin'),
          path.join(home, '.krew', 'bin'),
          path.join(home, 'go', 'bin'),
          '/usr/bin',
          '/bin',
        ];
  const entries = (current ?? '').split(delimiter).filter(Boolean);
  for (const dir of extra) if (!entries.includes(dir)) entries.push(dir);
  return entries.join(delimiter);
}
