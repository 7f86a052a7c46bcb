// What the tests read back about an object Fedify parsed: its type and the properties Coordo's
// documents carry, each read through Fedify's typed accessors (dates as Temporal instants, keys imported).
const vocab = await import("@fedify/vocab");
const { Activity, Announce, Create, Update, Delete, isActor } = vocab;

function typeOf(o) {
  const id = o?.constructor?.typeId?.href ?? "";
  return id.slice(Math.max(id.lastIndexOf("#"), id.lastIndexOf("/")) + 1);
}

function loaders(ctx) {
  return { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };
}

const str = (v) => (v == null ? null : String(v));

/**
 * Announce → Create → object, Create/Update/Delete → object: the innermost object (fetched and parsed if given
 * by id) and the chain of types from the outer activity in, e.g. ["Announce", "Update", "Event"].
 */
export async function deepest(activity, ctx) {
  let current = activity;
  const chain = [typeOf(activity)];
  for (let i = 0; i < 3; i++) {
    if (!(current instanceof Announce || current instanceof Create || current instanceof Update
        || current instanceof Delete)) {
      break;
    }
    const next = await current.getObject(loaders(ctx));
    if (next == null) break;
    current = next;
    chain.push(typeOf(current));
  }
  return { inner: current, chain };
}

/** A JSON summary of one parsed object (any type); actors also give their key, inboxes and collections. */
export async function summarize(o, ctx) {
  const s = {
    type: typeOf(o),
    id: str(o.id),
    name: str(o.name),
    summary: str(o.summary),
    content: str(o.content),
    published: str(o.published),
    updated: str(o.updated),
    url: str(o.url?.href ?? o.url),
    attributedTo: (o.attributionIds ?? []).map(String),
    to: (o.toIds ?? []).map(String),
    cc: (o.ccIds ?? []).map(String),
  };
  if ("startTime" in o) {
    s.startTime = str(o.startTime);
    s.endTime = str(o.endTime);
  }
  if ("deleted" in o) s.deleted = str(o.deleted);
  if (o instanceof Activity) {
    s.actor = str(o.actorId);
    s.objectId = str(o.objectId);
  }
  if (o.replyTargetId !== undefined) s.inReplyTo = str(o.replyTargetId);
  if (o.repliesId !== undefined) s.replies = str(o.repliesId);
  if (typeof o.getLocations === "function") {
    s.locations = [];
    for await (const l of o.getLocations(loaders(ctx))) s.locations.push({ type: typeOf(l), name: str(l.name) });
    s.attachments = [];
    for await (const a of o.getAttachments(loaders(ctx))) {
      s.attachments.push({ type: typeOf(a), mediaType: str(a.mediaType), url: str(a.url?.href ?? a.url) });
    }
  }
  if ("totalItems" in o) {
    s.totalItems = o.totalItems;
    s.first = str(o.firstId);
    s.next = str(o.nextId);
    s.items = (o.itemIds ?? []).map(String);
  }
  if (isActor(o)) {
    const key = await o.getPublicKey(loaders(ctx));
    s.preferredUsername = str(o.preferredUsername);
    s.inbox = str(o.inboxId);
    s.sharedInbox = str(o.endpoints?.sharedInbox);
    s.outbox = str(o.outboxId);
    s.followers = str(o.followersId);
    s.following = str(o.followingId);
    s.publicKey = key == null ? null : { id: str(key.id), owner: str(key.ownerId),
      algorithm: key.publicKey?.algorithm?.name ?? null };
  }
  s.json = await o.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
  return s;
}
