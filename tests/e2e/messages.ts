/**
 * The protocol as the e2e tests speak it: every message is built by the protocol's own
 * `envelope` (lib/messaging/envelope.ts, where the channel literal lives) and typed by its
 * message tables (lib/messaging/protocol.ts), so a test that sends a wrong type or payload
 * fails to compile. `sendRaw` is for the tests of what the extension refuses.
 */
import type { Page } from '@playwright/test';
import { envelope } from '../../lib/messaging/envelope';
import type { BackgroundType, ContentType, ReplyOf, RequestOf, ToBackground, ToContent } from '../../lib/messaging/protocol';

/** A reply as a test reads it: `value` is there when `ok` (a test checks `ok` first). */
export interface TestReply<T> {
  ok: boolean;
  value: T;
  error?: string;
}

/** Send one message to the background from an extension page, as the popup or options page would. */
export function send<T extends BackgroundType>(page: Page, type: T, payload: RequestOf<ToBackground, T>): Promise<TestReply<ReplyOf<ToBackground, T>>> {
  return sendRaw(page, envelope(type, payload));
}

/** Ask the content script of tab `tabId`, from an extension page (as the popup does). */
export function sendToTab<T extends ContentType>(page: Page, tabId: number, type: T, payload: RequestOf<ToContent, T>): Promise<TestReply<ReplyOf<ToContent, T>>> {
  return page.evaluate(([id, message]) => chrome.tabs.sendMessage(id, message), [tabId, envelope(type, payload)] as const);
}

/**
 * Send anything at all to the background from an extension page: a malformed envelope, an
 * unknown type, a payload the schemas refuse.
 */
export function sendRaw(page: Page, message: unknown): Promise<TestReply<any>> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

/** A message in the protocol's envelope, typed by the table of its direction, as plain data to send from anywhere. */
export function message<T extends BackgroundType>(type: T, payload: RequestOf<ToBackground, T>) {
  return envelope(type, payload);
}

/** Whether the content script of tab `tabId` answers yet (it may still be starting). */
export function contentScriptAnswers(page: Page, tabId: number): Promise<boolean> {
  return sendToTab(page, tabId, 'page.found', {}).then(
    (r) => r?.ok === true,
    () => false,
  );
}
