/**
 * What the workstation keeps in localStorage for one user: their databases, unsent and refused
 * changes. Names are hex-encoded so that any user name makes a safe key and database name.
 */
export function userKey(userName: string): string {
  return Array.from(new TextEncoder().encode(userName), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function readStored<T>(key: string, fallback: T): T {
  const text = localStorage.getItem(key);
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown): void {
  localStorage.setItem(key, JSON.stringify(value));
}
