import crypto from "node:crypto";

// Passwords: scrypt in Modular Crypt Format. Deliberately cheap (an emulator, not a vault): at
// N = 2^8 one hash took 1 ms of CPU, half of what creating a user costs in all; N = 2^4 takes
// 0.15 ms. Hashes store their parameters, so those made with other costs still verify.

const SCRYPT_LOG_N = 4;
const MCF_RE = /^\$[A-Za-z0-9-]+(\$[A-Za-z0-9+/=.,\-_]*){2,}$/;

/** `$scrypt$ln=8,r=8,p=1$<salt>$<hash>` (base64, no padding). */
export function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, 32, { N: 1 << SCRYPT_LOG_N, r: 8, p: 1 }, (err, key) => {
      if (err) reject(err);
      else resolve(`$scrypt$ln=${SCRYPT_LOG_N},r=8,p=1$${salt.toString("base64").replace(/=+$/, "")}$${key.toString("base64").replace(/=+$/, "")}`);
    });
  });
}

export function hashPasswordSync(password: string, salt = crypto.randomBytes(16)): string {
  const key = crypto.scryptSync(password, salt, 32, { N: 1 << SCRYPT_LOG_N, r: 8, p: 1 });
  return `$scrypt$ln=${SCRYPT_LOG_N},r=8,p=1$${salt.toString("base64").replace(/=+$/, "")}$${key.toString("base64").replace(/=+$/, "")}`;
}

/** Whether a string looks like a Modular Crypt Format hash (`$id$…$…`). */
export function isModularCryptHash(hash: string): boolean {
  return MCF_RE.test(hash);
}

/** Verifies a password against an emulator scrypt hash or an imported bcrypt hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
  if (m) {
    const expected = Buffer.from(m[5]!, "base64");
    const key = crypto.scryptSync(password, Buffer.from(m[4]!, "base64"), expected.length, { N: 1 << Number(m[1]), r: Number(m[2]), p: Number(m[3]), maxmem: 256 * 1024 * 1024 });
    return key.length === expected.length && crypto.timingSafeEqual(key, expected);
  }
  if (/^\$2[abxy]?\$/.test(hash)) {
    const bcrypt = await import("bcryptjs");
    return bcrypt.compare(password, hash);
  }
  return false;
}
