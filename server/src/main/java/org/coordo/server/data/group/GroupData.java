package org.coordo.server.data.group;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.storage.Codecs;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Table;

/**
 * Working groups, their people, meetings and board posts on one store (layouts in {@link
 * GroupKeyspaces}), and the one way to change them: {@link #write}, one atomic batch per change,
 * inside {@link #locked} when a change checks before it writes.
 */
public final class GroupData {
  /** The largest number of meetings or posts one listing reads. */
  public static final int MAX_LIST = 1000;

  private final KvStore store;
  private final Object lock = new Object();
  private final Table<byte[], WorkingGroup> groups;
  private final Table<byte[], GroupMembership> members;
  private final Table<byte[], String> memberOf;
  private final Table<byte[], Meeting> meetings;
  private final Table<byte[], BoardPost> posts;

  public GroupData(KvStore store) {
    this.store = store;
    this.groups = new Table<>(store.keyspace(GroupKeyspaces.GROUPS), Codecs.bytes(), GroupCodecs.GROUP);
    this.members = new Table<>(store.keyspace(GroupKeyspaces.MEMBERS), Codecs.bytes(), GroupCodecs.MEMBERSHIP);
    this.memberOf = new Table<>(store.keyspace(GroupKeyspaces.MEMBER_OF), Codecs.bytes(), Codecs.utf8());
    this.meetings = new Table<>(store.keyspace(GroupKeyspaces.MEETINGS), Codecs.bytes(), GroupCodecs.MEETING);
    this.posts = new Table<>(store.keyspace(GroupKeyspaces.POSTS), Codecs.bytes(), GroupCodecs.POST);
  }

  // --- groups

  public Optional<WorkingGroup> findGroup(String collective, String name) {
    return groups.find(Keys.concat(Keys.utf8z(collective), Keys.utf8(name)));
  }

  /** The groups of a collective, in name order. */
  public List<WorkingGroup> groups(String collective) {
    return values(groups.scanPrefix(Keys.utf8z(collective), Integer.MAX_VALUE, false));
  }

  /** Every public group of the node (those with an actor), in collective and name order. */
  public List<WorkingGroup> publicGroups() {
    return values(groups.scanPrefix(Keys.empty(), Integer.MAX_VALUE, false)).stream()
        .filter(WorkingGroup::isPublic).toList();
  }

  public void putGroup(KvBatch batch, WorkingGroup g) {
    groups.put(batch, Keys.concat(Keys.utf8z(g.collective()), Keys.utf8(g.name())), g);
  }

  // --- people

  public Optional<GroupMembership> findMember(String collective, String group, String userId) {
    return members.find(groupKey(collective, group, userId));
  }

  /** Pilots, members and requests of a group, in user id order. */
  public List<GroupMembership> members(String collective, String group) {
    return values(members.scanPrefix(groupPrefix(collective, group), Integer.MAX_VALUE, false));
  }

  /** The groups a person is in or asked to join, across collectives: (collective, group, standing id). */
  public List<String[]> groupsOf(String userId) {
    byte[] prefix = Keys.utf8z(userId);
    List<String[]> out = new ArrayList<>();
    for (Table.Entry<byte[], String> e : memberOf.scanPrefix(prefix, Integer.MAX_VALUE, false)) {
      String rest = new String(e.key(), prefix.length, e.key().length - prefix.length, StandardCharsets.UTF_8);
      int zero = rest.indexOf('\0');
      out.add(new String[] {rest.substring(0, zero), rest.substring(zero + 1), e.value()});
    }
    return out;
  }

  public void putMember(KvBatch batch, GroupMembership m) {
    members.put(batch, groupKey(m.collective(), m.group(), m.userId()), m);
    memberOf.put(batch, Keys.concat(Keys.utf8z(m.userId()), Keys.utf8z(m.collective()), Keys.utf8(m.group())),
        m.standing().id());
  }

  public void deleteMember(KvBatch batch, String collective, String group, String userId) {
    members.delete(batch, groupKey(collective, group, userId));
    memberOf.delete(batch, Keys.concat(Keys.utf8z(userId), Keys.utf8z(collective), Keys.utf8(group)));
  }

  // --- meetings and posts

  public Optional<Meeting> findMeeting(String collective, String group, String id) {
    return meetings.find(groupKey(collective, group, id));
  }

  /** A group's meetings, in creation order (at most {@link #MAX_LIST}). */
  public List<Meeting> meetings(String collective, String group) {
    return values(meetings.scanPrefix(groupPrefix(collective, group), MAX_LIST, false));
  }

  public long meetingCount(String collective, String group) {
    return meetings.count(groupPrefix(collective, group));
  }

  public void putMeeting(KvBatch batch, Meeting m) {
    meetings.put(batch, groupKey(m.collective(), m.group(), m.id()), m);
  }

  /** The newest {@code limit} posts of a group, newest first. */
  public List<BoardPost> posts(String collective, String group, int limit) {
    return values(posts.scanPrefix(groupPrefix(collective, group), Math.min(limit, MAX_LIST), true));
  }

  public void putPost(KvBatch batch, BoardPost p) {
    posts.put(batch, groupKey(p.collective(), p.group(), p.id()), p);
  }

  // --- writing

  /** Applies the changes the body adds to a batch, atomically (fsynced). */
  public void write(Consumer<KvBatch> body) {
    try (KvBatch batch = store.newBatch()) {
      body.accept(batch);
      if (batch.size() > 0) {
        store.write(batch, Durability.SYNC);
      }
    }
  }

  /** Runs a read-check-write sequence without another group change interleaving. */
  public <T> T locked(Supplier<T> body) {
    synchronized (lock) {
      return body.get();
    }
  }

  private static byte[] groupPrefix(String collective, String group) {
    return Keys.concat(Keys.utf8z(collective), Keys.utf8z(group));
  }

  private static byte[] groupKey(String collective, String group, String last) {
    return Keys.concat(Keys.utf8z(collective), Keys.utf8z(group), Keys.utf8(last));
  }

  private static <V> List<V> values(List<Table.Entry<byte[], V>> entries) {
    return entries.stream().map(Table.Entry::value).toList();
  }
}
