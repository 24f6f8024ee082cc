// The live warning list: SignalR pushes checked against the last sequence, catch-up over HTTP, and the connection banner.
import { t, shown, onLanguage, actionOf } from "./i18n.js";
import { $, api } from "./dom.js";

/** Shows "connection lost, data as of …" until the connection is back and caught up; "live" briefly after. */
export function banner(ok, lastData) {
  const b = $("banner");
  b.hidden = false;
  b.className = ok ? "banner ok" : "banner lost";
  b.dataset.state = ok ? "live" : "lost";
  b.textContent = ok ? t("live") : t("lost") + (lastData ? shown(lastData.toISOString()) : "—") + t("stale");
  if (ok) setTimeout(() => { if (b.dataset.state === "live") b.hidden = true; }, 2500);
}

/**
 * Active warnings kept in step with the server: load, subscribe, then every push is checked against the last sequence;
 * a gap or a reconnect fetches /api/warnings?afterSeq=N (pushes are a doorbell). onChange(warnings) after each change.
 */
export class LiveWarnings {
  constructor({ audience, districts, onChange, subscribe }) {
    Object.assign(this, { audience, districts, onChange, customSubscribe: subscribe });
    this.warnings = new Map(); this.lastSeq = 0; this.lastData = null; this.connected = false;
    onLanguage(() => { if (!$("banner").hidden) banner(this.connected, this.lastData); });
  }

  /** The warnings for this page's audience and districts, newest first (the server's catch-up lists every audience). */
  get list() {
    return [...this.warnings.values()]
      .filter(w => !this.audience || !w.audiences || w.audiences.includes(this.audience))
      .filter(w => !this.districts || w.districts.some(d => this.districts.includes(d)))
      .sort((a, b) => b.sequence - a.sequence);
  }

  accept(w, fresh) {
    if (w.sequence <= (this.warnings.get(w.id)?.sequence ?? 0)) return;   // duplicates and stale messages
    if (["lifted", "expired"].includes(actionOf(w.action))) this.warnings.delete(w.id);
    else this.warnings.set(w.id, { ...w, fresh });
    this.lastSeq = Math.max(this.lastSeq, w.sequence);
  }

  async start() {
    const r = await api("/api/warnings?active=true");
    if (r.ok) {
      r.body.warnings.forEach(w => this.accept(w, false));
      this.lastSeq = Math.max(this.lastSeq, r.body.lastSequence);
      this.lastData = new Date();
    }
    this.changed();
    const c = new signalR.HubConnectionBuilder().withUrl("/hubs/warnings")
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(5000, 1000 * (ctx.previousRetryCount + 1)) }).build();
    const onPush = w => {
      if (w.sequence > this.lastSeq + 1) { this.catchUp(); return; }   // a gap: fetch what was missed
      this.accept(w, true); this.lastData = new Date(); this.changed();
    };
    ["WarningIssued", "WarningUpdated", "WarningLifted"].forEach(e => c.on(e, onPush));
    this.handlers?.forEach(([e, fn]) => c.on(e, fn));
    c.onreconnecting(() => this.lost());
    c.onreconnected(async () => { await this.subscribe(); await this.catchUp(); this.back(); });
    c.onclose(() => { this.lost(); setTimeout(() => this.connect(), 3000); });
    this.connection = c;
    // Pushes are a doorbell: one that vanished with no gap after it (the last of a burst when a backplane failed) is
    // fetched within a minute anyway. A catch-up with nothing new is one small request.
    setInterval(() => { if (this.connected) this.catchUp(); }, 60_000);
    await this.connect();
  }

  /** Extra hub events (AckChanged, DraftsChanged); register before start(). */
  on(event, fn) { (this.handlers ??= []).push([event, fn]); }

  async connect() {
    try { await this.connection.start(); await this.subscribe(); await this.catchUp(); this.back(); }
    catch { this.lost(); setTimeout(() => this.connect(), 3000); }
  }

  async subscribe() {
    if (this.customSubscribe) return this.customSubscribe(this.connection);
    return this.connection.invoke("Subscribe", this.audience, this.districts);
  }

  async resubscribe(districts) {
    this.districts = districts;
    if (this.connection?.state === "Connected") await this.subscribe();
    this.changed();
  }

  async catchUp() {
    for (;;) {
      const r = await api(`/api/warnings?afterSeq=${this.lastSeq}`);
      if (!r.ok) return;
      r.body.warnings.forEach(w => this.accept(w, true));
      this.lastData = new Date();
      if (r.body.warnings.length < 500) break;
    }
    this.changed();
  }

  lost() { this.connected = false; document.body.dataset.connection = "lost"; banner(false, this.lastData); this.changed(); }

  back() { this.connected = true; document.body.dataset.connection = "live"; banner(true); this.changed(); }

  changed() { this.onChange?.(this.list); }
}
