// E-mail through the SMTP settings (smtp_host, smtp_port, smtp_user, smtp_password, smtp_from,
// smtp_secure) with nodemailer: alert e-mails and the digest. smtp_host empty = e-mail is off,
// and sending is refused with a message that says which settings to set.
import nodemailer from 'nodemailer';
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

export interface SmtpSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  from: string;
  secure: boolean;
}

export interface Email {
  to: string | readonly string[];
  subject: string;
  text: string;
  html?: string;
}

export interface Sent {
  message_id: string;
  accepted: string[];
  rejected: string[];
  /** The server's last reply, e.g. "250 OK: queued as …". */
  response: string;
}

/** The SMTP settings, or null when e-mail is off (smtp_host empty). */
export async function smtpSettings(store: Store): Promise<SmtpSettings | null> {
  const host = await getSetting(store, 'smtp_host');
  if (host.trim() === '') return null;
  const user = await getSetting(store, 'smtp_user');
  const from = (await getSetting(store, 'smtp_from')) || (user.includes('@') ? user : `quotient@${host}`);
  return {
    host,
    port: Number(await getSetting(store, 'smtp_port')),
    user,
    password: await getSetting(store, 'smtp_password'),
    from,
    secure: (await getSetting(store, 'smtp_secure')) === 'true',
  };
}

export const EMAIL_OFF = 'e-mail is off: no SMTP server is set; set one with quotient config set smtp_host HOST (and smtp_port, smtp_user, smtp_password, smtp_from, smtp_secure as the server needs)';

const addresses = (to: Email['to']): string[] => (typeof to === 'string' ? [to] : [...to]);

/** Sends one e-mail with these settings (null: refused, e-mail is off). */
export async function sendWith(smtp: SmtpSettings | null, mail: Email, o: { timeoutMs?: number } = {}): Promise<Sent> {
  if (!smtp) throw new UserError('invalid_setting', EMAIL_OFF);
  const to = addresses(mail.to);
  if (!to.length) throw new UserError('bad_argument', 'an e-mail needs at least one recipient');
  const timeout = o.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  try {
    const info = await transport.sendMail({ from: smtp.from, to, subject: mail.subject, text: mail.text, ...(mail.html === undefined ? {} : { html: mail.html }) });
    const list = (xs: unknown[] | undefined) => (xs ?? []).map((x) => (typeof x === 'string' ? x : (x as { address: string }).address));
    return { message_id: info.messageId, accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
  } catch (e) {
    const code = (e as { responseCode?: unknown } | null)?.responseCode;
    throw new UserError('bad_argument', `could not send e-mail through ${smtp.host}:${smtp.port}: ${e instanceof Error ? e.message : String(e)}`, typeof code === 'number' ? { smtp_reply_code: code } : {});
  } finally {
    transport.close();
  }
}

/** The SMTP reply code of a server's reply ("250 OK …") or of a failed send (sendWith's error), or null. */
export function smtpReplyCode(x: unknown): number | null {
  if (typeof x === 'string') {
    const m = /^([2-5]\d\d)\b/.exec(x.trim());
    return m ? Number(m[1]) : null;
  }
  const code = x instanceof UserError ? x.details.smtp_reply_code : (x as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : null;
}

/** Sends one e-mail through the store's SMTP settings; a clear error when smtp_host is empty. */
export async function sendEmail(store: Store, mail: Email, o: { timeoutMs?: number } = {}): Promise<Sent> {
  return sendWith(await smtpSettings(store), mail, o);
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);
