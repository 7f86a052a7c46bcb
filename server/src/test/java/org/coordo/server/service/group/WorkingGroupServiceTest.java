package org.coordo.server.service.group;

import static org.coordo.server.service.account.AccountsFixture.await;
import static org.coordo.server.service.account.AccountsFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.Uris;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.convert.GroupUris;
import org.coordo.server.convert.MeetingAsConverter;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.group.GroupData;
import org.coordo.server.domain.group.BoardPost;
import org.coordo.server.domain.group.GroupMembership.Standing;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.MemberMeeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.domain.group.WorkingGroup.JoinPolicy;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.server.service.account.UserService;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Working groups on a real RocksDB: who may do what (404 to strangers, 403 to members without the
 * role), joining open and by request, the last pilot, meetings and their announces, the board, and a
 * member's meetings across groups.
 */
class WorkingGroupServiceTest {
  @TempDir
  Path dir;
  AccountsFixture f;
  WorkingGroupService groups;
  GroupPlanning planning;
  PublicGroups publicGroups;
  /** What the planning handed to federation: (actor, activity). */
  final List<Object[]> announced = new CopyOnWriteArrayList<>();
  Principal editor;
  Principal pilot;
  Principal member;
  Principal other;
  Principal stranger;

  @BeforeEach
  void setUp() {
    f = new AccountsFixture(dir);
    StoreCalls calls = StoreCalls.on(f.store, f.worker);
    MarkdownRenderer markdown = new MarkdownRenderer(new HtmlSanitizer());
    publicGroups = new PublicGroups(List.of());
    groups = new WorkingGroupService(calls, f.store, f.actors, publicGroups, markdown, TextWork.inline(), f.clock);
    GroupPlanning.Announcer announcer = (actor, activities, alsoWrite) -> calls.call(store -> {
      try (KvBatch batch = store.newBatch()) {
        alsoWrite.accept(batch);
        store.write(batch, Durability.SYNC);
      }
      activities.forEach(a -> announced.add(new Object[] {actor, a}));
      return List.<URI>of();
    });
    planning = new GroupPlanning(groups, f.data, announcer,
        new MeetingAsConverter(new GroupUris(new Uris(URI.create("https://coordo.test")))), markdown,
        TextWork.inline(), new TimeSortableIds(f.clock));
    await(f.accounts.collectives().create("grenoble", "Grenoble", "", false));
    await(f.accounts.collectives().create("lyon", "Lyon", "", false));
    editor = user("ed", Map.of("grenoble", Role.EDITOR));
    pilot = user("pia", Map.of("grenoble", Role.MEMBER));
    member = user("max", Map.of("grenoble", Role.MEMBER));
    other = user("oli", Map.of("grenoble", Role.MEMBER));
    stranger = user("sam", Map.of("lyon", Role.EDITOR));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Principal user(String name, Map<String, Role> roles) {
    var u = await(f.accounts.users().create(new UserService.NewUser(name, name, name + " password long"), false, roles));
    return new Principal(u.id(), u.username(), false, roles);
  }

  private Granted as(Principal who, String group, GroupRole role) {
    return await(groups.authorize(Optional.of(who), "grenoble", group, role));
  }

  private WorkingGroup create(String name, JoinPolicy policy) {
    return await(groups.create(as(editor, null, GroupRole.COLLECTIVE_EDITOR),
        new WorkingGroupService.NewGroup(name, "Logement", "Le **droit** au logement", policy, List.of("pia"))));
  }

  private MeetingInput meeting(String start, boolean open) {
    return new MeetingInput(start, null, "Europe/Paris", "Maison des associations", null, "Préparer l'AG\nPoint 2", open);
  }

  @Test
  void editorCreatesAGroupWithItsPilotAndStrangersCannotTellItExists() {
    WorkingGroup g = create("logement", JoinPolicy.OPEN);
    assertEquals("<p>Le <strong>droit</strong> au logement</p>", g.purposeHtml().strip());
    assertEquals(List.of(Standing.PILOT), await(groups.people(as(pilot, "logement", GroupRole.GROUP_MEMBER)))
        .stream().map(m -> m.standing()).toList());
    // a member of another collective, and nobody at all: 404 like a group that does not exist
    assertEquals(404, refused(groups.authorize(Optional.of(stranger), "grenoble", "logement", GroupRole.COLLECTIVE_MEMBER)).status());
    assertEquals(404, refused(groups.authorize(Optional.empty(), "grenoble", "logement", GroupRole.GROUP_MEMBER)).status());
    assertEquals(404, refused(groups.authorize(Optional.of(member), "grenoble", "nope", GroupRole.COLLECTIVE_MEMBER)).status());
    // a plain member of the collective: 403 for what needs an editor or the group
    assertEquals(403, refused(groups.authorize(Optional.of(member), "grenoble", null, GroupRole.COLLECTIVE_EDITOR)).status());
    assertEquals(403, refused(groups.authorize(Optional.of(member), "grenoble", "logement", GroupRole.GROUP_MEMBER)).status());
  }

  @Test
  void creationNeedsAPilotFromTheCollectiveAndAFreeName() {
    Granted ed = as(editor, null, GroupRole.COLLECTIVE_EDITOR);
    assertEquals(Map.of("pilots", "name at least one pilot"), refused(groups.create(ed,
        new WorkingGroupService.NewGroup("a", null, null, JoinPolicy.OPEN, List.of()))).fields());
    assertTrue(refused(groups.create(ed, new WorkingGroupService.NewGroup("a", null, null, JoinPolicy.OPEN,
        List.of("sam")))).fields().containsKey("pilots"), "sam is not in grenoble");
    assertTrue(refused(groups.create(ed, new WorkingGroupService.NewGroup("Bad Name", null, null, JoinPolicy.OPEN,
        List.of("pia")))).fields().containsKey("name"));
    create("logement", JoinPolicy.OPEN);
    assertTrue(refused(groups.create(ed, new WorkingGroupService.NewGroup("logement", null, null, JoinPolicy.OPEN,
        List.of("pia")))).fields().containsKey("name"));
  }

  @Test
  void anOpenGroupTakesAMemberAtOnceAndAGroupByRequestWaitsForAPilot() {
    create("logement", JoinPolicy.OPEN);
    create("sante", JoinPolicy.BY_REQUEST);
    assertEquals(Standing.MEMBER, await(groups.join(as(member, "logement", GroupRole.COLLECTIVE_MEMBER))).standing());
    as(member, "logement", GroupRole.GROUP_MEMBER); // now in

    assertEquals(Standing.REQUESTED, await(groups.join(as(member, "sante", GroupRole.COLLECTIVE_MEMBER))).standing());
    assertEquals(403, refused(groups.authorize(Optional.of(member), "grenoble", "sante", GroupRole.GROUP_MEMBER)).status(),
        "a request sees nothing inside yet");
    // a plain member cannot accept anyone
    assertEquals(403, refused(groups.authorize(Optional.of(other), "grenoble", "sante", GroupRole.GROUP_PILOT)).status());
    Granted pia = as(pilot, "sante", GroupRole.GROUP_PILOT);
    assertEquals(List.of("max", "pia"), await(groups.people(pia)).stream().map(m -> m.username()).sorted().toList(),
        "pilots see requests");
    assertEquals(Standing.MEMBER, await(groups.setStanding(pia, "max", Standing.MEMBER)).standing());
    as(member, "sante", GroupRole.GROUP_MEMBER);
    // a pilot declines another request
    await(groups.join(as(other, "sante", GroupRole.COLLECTIVE_MEMBER)));
    await(groups.remove(as(pilot, "sante", GroupRole.GROUP_PILOT), "oli"));
    assertEquals(403, refused(groups.authorize(Optional.of(other), "grenoble", "sante", GroupRole.GROUP_MEMBER)).status());
  }

  @Test
  void aGroupKeepsAtLeastOnePilot() {
    create("logement", JoinPolicy.OPEN);
    Granted pia = as(pilot, "logement", GroupRole.GROUP_PILOT);
    assertEquals(409, refused(groups.leave(pia)).status());
    assertEquals(409, refused(groups.setStanding(pia, "pia", Standing.MEMBER)).status());
    await(groups.setStanding(pia, "max", Standing.PILOT));
    as(member, "logement", GroupRole.GROUP_PILOT);
    await(groups.leave(pia));
    assertEquals(403, refused(groups.authorize(Optional.of(pilot), "grenoble", "logement", GroupRole.GROUP_MEMBER)).status());
  }

  @Test
  void pilotsScheduleAndPostMembersReadAndInternalMeetingsAreNeverAnnounced() {
    create("logement", JoinPolicy.OPEN);
    await(groups.join(as(member, "logement", GroupRole.COLLECTIVE_MEMBER)));
    Granted pia = as(pilot, "logement", GroupRole.GROUP_PILOT);
    Meeting m = await(planning.schedule(pia, meeting("2030-03-14T18:30", true)));
    assertEquals("2030-03-14T17:30:00Z", m.start().toString(), "18:30 in Paris");
    BoardPost post = await(planning.post(pia, "Salut <script>alert(1)</script> **tous**"));
    assertFalse(post.html().contains("<script"), post.html());
    assertTrue(post.html().contains("<strong>tous</strong>"), post.html());

    Granted max = as(member, "logement", GroupRole.GROUP_MEMBER);
    assertEquals(List.of(m.id()), await(planning.planning(max)).stream().map(Meeting::id).toList());
    assertEquals(List.of(post.id()), await(planning.board(max)).stream().map(BoardPost::id).toList());
    // a member is no pilot: the service refuses even if a route forgot to check
    assertEquals(403, refused(planning.schedule(max, meeting("2030-03-15T18:00", false))).status());
    assertEquals(403, refused(planning.post(max, "hello")).status());
    // the group is internal: even a meeting marked public is not announced nor served
    assertEquals(List.of(), announced);
    assertEquals(Optional.empty(), await(planning.publicView("grenoble", "logement")));
    assertEquals(Optional.empty(), await(planning.publicMeeting(planning.uris().meeting("grenoble", "logement", m.id()))));
  }

  @Test
  void meetingInputIsChecked() {
    create("logement", JoinPolicy.OPEN);
    Granted pia = as(pilot, "logement", GroupRole.GROUP_PILOT);
    Map<String, String> fields = refused(planning.schedule(pia, new MeetingInput("demain", "2030-01-01T10:00",
        "Mars/Olympus", "x".repeat(400), "javascript:alert(1)", "y".repeat(3000), false))).fields();
    assertEquals(List.of("timezone", "start", "place", "onlineUrl", "agenda"), new ArrayList<>(fields.keySet()));
    assertEquals("must be after the start", refused(planning.schedule(pia, new MeetingInput("2030-01-01T10:00",
        "2030-01-01T09:00", null, null, null, null, false))).fields().get("end"));
    assertTrue(refused(planning.post(pia, ">".repeat(100) + " deep")).fields().containsKey("text"));
  }

  @Test
  void aPublicGroupGetsItsActorAndAnnouncesOnlyItsPublicMeetings() {
    create("logement", JoinPolicy.OPEN);
    assertEquals(403, refused(groups.authorize(Optional.of(pilot), "grenoble", "logement", GroupRole.COLLECTIVE_EDITOR)).status(),
        "making a group public speaks for the collective: editors only");
    WorkingGroup g = await(groups.makePublic(as(editor, "logement", GroupRole.COLLECTIVE_EDITOR)));
    assertEquals("grenoble.logement", g.actorName());
    assertTrue(await(f.actors.find("grenoble.logement")).isPresent());
    assertEquals(List.of("grenoble.logement"), publicGroups.actorsOf("grenoble"));
    assertEquals(List.of("grenoble.logement"), new GroupData(f.store).publicGroups().stream().map(WorkingGroup::actorName).toList());

    Granted pia = as(pilot, "logement", GroupRole.GROUP_PILOT);
    Meeting internal = await(planning.schedule(pia, meeting("2030-03-14T18:30", false)));
    assertEquals(List.of(), announced);
    Meeting open = await(planning.schedule(pia, meeting("2030-03-20T18:30", true)));
    assertEquals(1, announced.size());
    JsonObject create = (JsonObject) announced.get(0)[1];
    assertEquals("grenoble.logement", announced.get(0)[0]);
    assertEquals("Create", create.getString("type"));
    assertEquals("Event", create.getJsonObject("object").getString("type"));
    assertEquals("https://coordo.test/actors/grenoble.logement", create.getJsonObject("object").getString("attributedTo"));
    assertEquals("2030-03-20T18:30:00+01:00", create.getJsonObject("object").getString("startTime"));
    assertFalse(create.encode().contains("pia"), "no member is named: " + create.encode());

    var view = await(planning.publicView("grenoble", "logement")).orElseThrow();
    assertEquals(List.of(open.id()), view.upcoming().stream().map(Meeting::id).toList(), "internal meetings stay inside");
    assertTrue(await(planning.publicMeeting(planning.uris().meeting("grenoble", "logement", open.id()))).isPresent());
    assertEquals(Optional.empty(), await(planning.publicMeeting(planning.uris().meeting("grenoble", "logement", internal.id()))));

    // a public meeting cannot go back inside; cancelling it tells the followers
    assertEquals(409, refused(planning.edit(pia, open.id(), meeting("2030-03-20T18:30", false))).status());
    await(planning.cancel(pia, open.id()));
    JsonObject update = (JsonObject) announced.get(1)[1];
    assertEquals("Update", update.getString("type"));
    assertEquals("Cancelled", update.getJsonObject("object").getString("eventStatus"));
    // internal made public now: announced as new
    await(planning.edit(pia, internal.id(), meeting("2030-03-14T19:00", true)));
    assertEquals("Create", ((JsonObject) announced.get(2)[1]).getString("type"));
  }

  @Test
  void aMembersMeetingsAcrossGroupsCarryWhatACalendarNeeds() {
    create("logement", JoinPolicy.OPEN);
    create("sante", JoinPolicy.OPEN);
    create("secret", JoinPolicy.OPEN);
    await(groups.join(as(member, "logement", GroupRole.COLLECTIVE_MEMBER)));
    await(groups.join(as(member, "sante", GroupRole.COLLECTIVE_MEMBER)));
    Meeting later = await(planning.schedule(as(pilot, "logement", GroupRole.GROUP_PILOT), meeting("2030-05-01T10:00", false)));
    Meeting sooner = await(planning.schedule(as(pilot, "sante", GroupRole.GROUP_PILOT), meeting("2030-04-01T10:00", false)));
    await(planning.schedule(as(pilot, "secret", GroupRole.GROUP_PILOT), meeting("2030-04-02T10:00", false)));
    Meeting past = await(planning.schedule(as(pilot, "sante", GroupRole.GROUP_PILOT),
        meeting(f.clock.instant().minus(Duration.ofDays(2)).toString(), false)));

    List<MemberMeeting> mine = await(planning.upcomingMeetingsOf(member.userId()));
    assertEquals(List.of(sooner.id(), later.id()), mine.stream().map(mm -> mm.meeting().id()).toList(),
        "soonest first, only my groups, nothing past (not " + past.id() + ")");
    MemberMeeting first = mine.get(0);
    assertEquals(URI.create("https://coordo.test/collectives/grenoble/groups/sante/meetings/" + sooner.id()), first.uid());
    assertEquals("Logement · Préparer l'AG", mine.get(1).name());
    assertEquals("Maison des associations", first.location());
    assertEquals(URI.create("https://coordo.test/espace/grenoble/groups/sante"), first.url());
  }
  @Test
  void aNewCollectiveCannotTakeOverAPublicGroupsActor() {
    create("logement", JoinPolicy.OPEN);
    await(groups.makePublic(as(editor, "logement", GroupRole.COLLECTIVE_EDITOR)));
    // users, collectives and public groups share one actor name space: the group's keys and followers stay its own
    assertTrue(refused(f.accounts.collectives().create("grenoble.logement", "Squat", "", false)).fields()
        .containsKey("name"));
    assertEquals(Optional.empty(), await(f.accounts.collectives().find("grenoble.logement")));
  }
}
