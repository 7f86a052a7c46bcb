// The peer's control API (JSON in, JSON out), used only by Coordo's conformance tests.
// GET  /control/info | received | inbox-log | outbound | following | followers
// POST /control/config {signWith: "rfc9421"|"draft-cavage-http-signatures-12"|null,
//                       acceptOnly: "any"|"rfc9421"|"draft-cavage", software: NodeInfo software name}
// POST /control/reset                 back to a fresh peer (config, logs, followers, following, notes), for the
//                                      next test class sharing this process; Fedify's own caches stay
// POST /control/parse {url}            fetch a document and parse it with Fedify's Object.fromJsonLd (strict)
// POST /control/lookup {target}        Fedify's lookupObject (a handle through WebFinger, or a URL)
// POST /control/webfinger {resource}   Fedify's lookupWebFinger
// POST /control/instance-actor {origin} FEP-2677: the nodeinfo link to the Application actor, looked up
// POST /control/follow|unfollow {target}, /control/reply {inReplyTo, to, content}, /control/like|unlike {object, to},
// POST /control/post {content, to?}    a public Note to this peer's followers (and `to`)

export function controls({ parseNodeInfo, federation, state, ASObject, send, summarize, isActor,
  PUBLIC_COLLECTION, Create, Follow, Like, Note, Undo }) {
  const { Temporal } = globalThis.Temporal ? globalThis : { Temporal: null };
  const likes = new Map();

  async function actorOf(ctx, target) {
    const actor = await ctx.lookupObject(target);
    if (!isActor(actor)) throw new Error(`not an actor: ${target}`);
    return actor;
  }

  async function now() {
    const t = Temporal ?? (await import("@js-temporal/polyfill")).Temporal;
    return t.Now.instant();
  }

  async function parse(ctx, url) {
    const response = await fetch(url, { headers: { Accept: "application/activity+json" } });
    const text = await response.text();
    const out = { httpStatus: response.status, contentType: response.headers.get("content-type") };
    try {
      const json = JSON.parse(text);
      const object = await ASObject.fromJsonLd(json, { documentLoader: ctx.documentLoader,
        contextLoader: ctx.contextLoader });
      out.parsed = await summarize(object, ctx);
      if (typeof object.getItems === "function") {
        out.parsed.itemTypes = [];
        for await (const item of object.getItems({ documentLoader: ctx.documentLoader,
          contextLoader: ctx.contextLoader })) {
          out.parsed.itemTypes.push((await summarize(item, ctx)).type);
          if (out.parsed.itemTypes.length >= 20) break;
        }
      }
    } catch (e) {
      out.error = String(e?.message ?? e);
    }
    return out;
  }

  return async function control(url, method, body) {
    const ctx = federation.createContext(new URL(url.origin), undefined);
    const me = ctx.getActorUri("peer");
    const path = url.pathname.slice("/control/".length);
    if (method === "GET") {
      switch (path) {
        case "info":
          return { actor: me.href, inbox: ctx.getInboxUri("peer").href, sharedInbox: ctx.getInboxUri().href,
            handle: `peer@${url.host}` };
        case "received": return state.received;
        case "inbox-log": return state.inboxLog;
        case "outbound": return state.outbound;
        case "following": return [...state.following.entries()].map(([actor, f]) => ({ actor, ...f }));
        case "followers": return [...state.followers.keys()];
        default: return { status: 404, body: { error: "unknown control " + path } };
      }
    }
    try {
      switch (path) {
        case "config":
          if ("signWith" in body) state.signWith = body.signWith;
          if ("acceptOnly" in body) state.acceptOnly = body.acceptOnly;
          if ("software" in body) state.software = body.software;
          return { signWith: state.signWith, acceptOnly: state.acceptOnly, software: state.software };
        case "reset":
          Object.assign(state, { signWith: null, software: "fedify", acceptOnly: "any" });
          for (const list of [state.received, state.inboxLog, state.outbound]) list.length = 0;
          for (const map of [state.followers, state.following, state.notes, likes]) map.clear();
          return { reset: true };
        case "parse":
          return await parse(ctx, body.url);
        case "lookup":
          return { parsed: await summarize(await ctx.lookupObject(body.target), ctx) };
        case "webfinger":
          return (await ctx.lookupWebFinger(body.resource)) ?? { status: 404, body: { error: "not found" } };
        case "instance-actor": {
          const wk = await (await fetch(new URL("/.well-known/nodeinfo", body.origin))).json();
          const link = (wk.links ?? []).find((l) => l.rel === "https://www.w3.org/ns/activitystreams#Application");
          // Fedify's NodeInfo client refuses loopback whatever allowPrivateAddress says: fetch here, parse with Fedify
          const niLink = (wk.links ?? []).find((l) => l.rel === "http://nodeinfo.diaspora.software/ns/schema/2.1");
          const nodeInfo = parseNodeInfo(await (await fetch(niLink.href)).json());
          return { href: link?.href ?? null, software: nodeInfo?.software?.name ?? null,
            parsed: link ? await summarize(await ctx.lookupObject(link.href), ctx) : null };
        }
        case "follow": {
          const target = await actorOf(ctx, body.target);
          const follow = new Follow({ id: new URL(`#follows/${crypto.randomUUID()}`, me), actor: me,
            object: target.id });
          state.following.set(target.id.href, { followId: follow.id.href, state: "pending", follow });
          await send(ctx, target, follow);
          return { followId: follow.id.href, actor: target.id.href };
        }
        case "unfollow": {
          const target = await actorOf(ctx, body.target);
          const f = state.following.get(target.id.href);
          if (f == null) return { status: 404, body: { error: "not following " + body.target } };
          await send(ctx, target, new Undo({ id: new URL(`#undo/${crypto.randomUUID()}`, me), actor: me,
            object: f.follow }));
          state.following.delete(target.id.href);
          return { undone: f.followId };
        }
        case "reply":
        case "post": {
          const recipients = body.to ? [await actorOf(ctx, body.to)] : [];
          const id = new URL(`/notes/${crypto.randomUUID()}`, url.origin);
          const note = new Note({ id, attribution: me, content: body.content ?? "Bonjour depuis Fedify",
            replyTarget: body.inReplyTo ? new URL(body.inReplyTo) : null, published: await now(),
            to: PUBLIC_COLLECTION, ccs: [ctx.getFollowersUri("peer"), ...recipients.map((r) => r.id)] });
          state.notes.set(id.href, note);
          const create = new Create({ id: new URL(`${id.href}#create`), actor: me, object: note,
            to: PUBLIC_COLLECTION, ccs: note.ccIds });
          const all = new Map(recipients.map((r) => [r.id.href, r]));
          if (path === "post") state.followers.forEach((r, k) => all.set(k, r));
          for (const r of all.values()) await send(ctx, r, create);
          return { noteId: id.href, activityId: create.id.href, sentTo: [...all.keys()] };
        }
        case "like": {
          const target = await actorOf(ctx, body.to);
          const like = new Like({ id: new URL(`#likes/${crypto.randomUUID()}`, me), actor: me,
            object: new URL(body.object), to: target.id });
          likes.set(like.id.href, like);
          await send(ctx, target, like);
          return { likeId: like.id.href };
        }
        case "unlike": {
          const target = await actorOf(ctx, body.to);
          const like = likes.get(body.likeId);
          await send(ctx, target, new Undo({ id: new URL(`#undo/${crypto.randomUUID()}`, me), actor: me,
            object: like, to: target.id }));
          return { undone: body.likeId };
        }
        default:
          return { status: 404, body: { error: "unknown control " + path } };
      }
    } catch (e) {
      return { status: 502, body: { error: String(e?.stack ?? e) } };
    }
  };
}
