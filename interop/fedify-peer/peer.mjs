// An independent ActivityPub peer for Coordo's conformance tests, built on Fedify (not on Coordo's code).
// Every document and activity it receives or fetches is parsed by Fedify's own vocabulary classes and every
// inbound signature is verified by Fedify. Listens on 127.0.0.1, port 0; prints "PEER_PORT=<port>" once ready.
// The tests drive and observe it through /control/* (JSON over HTTP); everything else is Fedify's.

// Fedify 2.x targets Node 22. Node 20 has no `navigator` global (read when Fedify imports keys); Node 18 (Debian
// bookworm's nodejs) has no global Web Crypto and no Array.prototype.toSorted either.
if (globalThis.navigator === undefined) {
  globalThis.navigator = { userAgent: `Node.js/${process.versions.node}` };
}
if (globalThis.crypto === undefined || globalThis.CryptoKey === undefined) {
  const { webcrypto } = await import("node:crypto");
  globalThis.crypto ??= webcrypto;
  globalThis.CryptoKey ??= webcrypto.CryptoKey;
}
if (Array.prototype.toSorted === undefined) {
  Object.defineProperty(Array.prototype, "toSorted", { value(compare) { return [...this].sort(compare); } });
}
const http = await import("node:http");
const { createFederation, MemoryKvStore, generateCryptoKeyPair, parseNodeInfo } = await import("@fedify/fedify");
const vocab = await import("@fedify/vocab");
const { Accept, Activity, Create, Follow, Like, Note, Person, Undo, Endpoints, PUBLIC_COLLECTION, isActor } = vocab;
const ASObject = vocab.Object;
const { summarize, deepest } = await import("./summary.mjs");

const kv = new MemoryKvStore();
const SPEC_KEY = ["_fedify", "httpMessageSignaturesSpec"]; // Fedify's per-origin double-knock memory
const state = {
  signWith: null, // null: Fedify's default (RFC 9421 first, draft-cavage on refusal); or one spec, forced per send
  software: "fedify", // the NodeInfo software name this peer claims
  acceptOnly: "any", // "any", "rfc9421" or "draft-cavage": which inbound signature scheme the inbox accepts
  received: [], // activities Fedify accepted (signature verified, parsed), with their publication unwrapped
  inboxLog: [], // every POST to an inbox: the scheme it was signed with and what this peer answered
  outbound: [], // every POST this peer sent: the scheme it signed with and the answer
  followers: new Map(), // actor id -> recipient {id, inboxId, endpoints}
  following: new Map(), // target actor id -> {followId, state}
  notes: new Map(), // note id -> Note (served at /notes/{id})
};
const keyPair = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");

const federation = createFederation({ kv, allowPrivateAddress: true });

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "peer") return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify peer",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      url: ctx.getActorUri(identifier),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "peer" ? [keyPair] : []));

// NodeInfo, with a software name the tests may change (/control/config {software}) to stand for another server.
federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
  software: { name: state.software, version: "2.3.6" },
  protocols: ["activitypub"],
  usage: { users: { total: 1 }, localPosts: 0, localComments: 0 },
}));

federation.setFollowersDispatcher("/users/{identifier}/followers", async (_ctx, identifier) =>
  identifier === "peer" ? { items: [...state.followers.values()] } : null);

federation.setObjectDispatcher(Note, "/notes/{id}", (ctx, values) =>
  state.notes.get(ctx.getObjectUri(Note, values).href) ?? null);

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    const follower = await follow.getActor();
    await record(ctx, follow);
    if (follower == null || follower.inboxId == null) return;
    state.followers.set(follower.id.href, follower);
    await send(ctx, follower, new Accept({
      id: new URL(`#accepts/${crypto.randomUUID()}`, ctx.getActorUri("peer")),
      actor: ctx.getActorUri("peer"),
      object: follow,
    }));
  })
  .on(Activity, async (ctx, activity) => {
    await record(ctx, activity);
    if (activity instanceof Accept || activity instanceof vocab.Reject) {
      for (const f of state.following.values()) {
        if (f.followId === activity.objectId?.href || (await activity.getObject())?.id?.href === f.followId) {
          f.state = activity instanceof Accept ? "accepted" : "rejected";
        }
      }
    }
    if (activity instanceof Undo && activity.actorId != null) {
      const undone = await activity.getObject();
      if (undone instanceof Follow) state.followers.delete(activity.actorId.href);
    }
  });

/** Keeps what Fedify handed over, with the publication found by unwrapping (Announce → Create → object). */
async function record(ctx, activity) {
  const entry = await summarize(activity, ctx);
  try {
    const { inner, chain } = await deepest(activity, ctx);
    entry.chain = chain;
    entry.publication = inner === activity ? null : await summarize(inner, ctx);
  } catch (e) {
    entry.publicationError = String(e?.message ?? e); // the wrapped object could not be fetched or parsed
  }
  state.received.push(entry);
}

/** Sends through Fedify (signed, double-knocking unless a scheme is forced by /control/config). */
async function send(ctx, recipient, activity) {
  if (state.signWith != null && recipient.inboxId != null) {
    await kv.set([...SPEC_KEY, recipient.inboxId.origin], state.signWith);
    if (recipient.endpoints?.sharedInbox != null) {
      await kv.set([...SPEC_KEY, recipient.endpoints.sharedInbox.origin], state.signWith);
    }
  }
  await ctx.sendActivity({ identifier: "peer" }, recipient, activity, { immediate: true });
}

// Outbound POSTs, as they leave: which scheme signed them, what the other side answered.
// Loopback has no TLS: Fedify asks WebFinger of acct: handles over https, which goes over http here.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const target = String(input instanceof Request ? input.url : input);
  if (target.startsWith("https://127.0.0.1:")) {
    const plain = "http://" + target.slice("https://".length);
    input = input instanceof Request ? new Request(plain, input) : plain;
  }
  const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
  const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
  const response = await realFetch(input, init);
  if (method === "POST") {
    state.outbound.push({ url: String(input instanceof Request ? input.url : input), scheme: schemeOf(headers),
      status: response.status });
  }
  return response;
};

function schemeOf(headers) {
  if (headers.has("signature-input")) return "rfc9421";
  if (headers.has("signature")) return "draft-cavage";
  return "none";
}

const { controls } = await import("./control.mjs");
const control = controls({ parseNodeInfo, federation, state, ASObject, send, summarize, isActor,
  PUBLIC_COLLECTION, Create, Follow, Like, Note, Undo });

const server = http.createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    const url = new URL(req.url, `http://${req.headers.host}`);
    if (url.pathname.startsWith("/control/")) {
      const answer = await control(url, req.method, body.length ? JSON.parse(body.toString("utf8")) : {});
      return reply(res, answer.status ?? 200, answer.body ?? answer);
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const isInbox = req.method === "POST" && /\/inbox$/.test(url.pathname);
    const scheme = schemeOf(headers);
    if (isInbox && state.acceptOnly !== "any" && scheme !== state.acceptOnly) {
      state.inboxLog.push({ path: url.pathname, scheme, status: 401, body: "refused: only " + state.acceptOnly });
      return reply(res, 401, { error: `this peer accepts only ${state.acceptOnly} signatures` });
    }
    const request = new Request(url, {
      method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const response = await federation.fetch(request, { contextData: undefined });
    const out = Buffer.from(await response.arrayBuffer());
    if (isInbox) {
      state.inboxLog.push({ path: url.pathname, scheme, status: response.status,
        body: response.status >= 300 ? out.toString("utf8").slice(0, 2000) : "" });
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(out);
  } catch (e) {
    reply(res, 500, { error: String(e?.stack ?? e) });
  }
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function reply(res, status, json) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(json));
}

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`PEER_PORT=${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0)); // the test's end of our stdin ends the peer
process.stdin.resume();
