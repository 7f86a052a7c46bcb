package org.coordo.server.api.account;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.util.function.Function;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coordo.server.app.ControlToken;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.CrossSiteGuard;
import org.coordo.server.data.account.AccountData;
import org.coordo.server.service.account.AccountStore;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.PasswordHasher;

/**
 * Accounts on the node: mounts the {@link AuthHandler} on every route (so later modules read the
 * principal with {@code AuthHandler.principal(ctx)}; mount this module before them) followed by the
 * {@link CrossSiteGuard} (every later write is checked against cross-site requests), the session,
 * account, collective and invitation JSON API, and the control endpoints the {@code ./coordo
 * admin} commands use while the node runs.
 *
 * <p>The control routes need the token the {@code ControlModule} writes at its start: mount this
 * module after it.
 *
 * <p>Password hashing and actor key generation run on their own small worker pool ({@value
 * #HASHING_WORKER}), storage on the node's storage worker.
 */
public final class AccountModule implements HttpModule {
  public static final String HASHING_WORKER = "coordo-accounts";

  private final PasswordHasher.Params hashing;
  private final Function<NodeContext, Future<LocalActors>> actorsSource;
  private WorkerExecutor worker;
  private Accounts accounts;
  private AuthHandler auth;
  private String controlToken;

  /** The production module: Argon2id with the default parameters. */
  public AccountModule() {
    this(PasswordHasher.DEFAULT);
  }

  /** With other Argon2 parameters (tests use cheap ones). */
  public AccountModule(PasswordHasher.Params hashing) {
    this(hashing, null);
  }

  /**
   * @param actorsSource where the node's {@link LocalActors} come from (the federation layer's
   *     instance, so that its cache sees our updates); null: build one on the node's store
   */
  public AccountModule(PasswordHasher.Params hashing, Function<NodeContext, Future<LocalActors>> actorsSource) {
    this.hashing = hashing;
    this.actorsSource = actorsSource;
  }

  @Override
  public Future<Void> start(NodeContext ctx) {
    worker = ctx.vertx().createSharedWorkerExecutor(HASHING_WORKER, 2);
    Future<AccountData> data = ctx.storage().call(AccountData::new);
    Future<LocalActors> actors = actorsSource != null
        ? actorsSource.apply(ctx)
        : ctx.storage().call(LocalActorRepository::new).map(repo -> new LocalActors(repo, worker, ctx.clock()));
    Path tokenFile = new DataDir(ctx.config().dataDir()).controlToken();
    Future<String> token = ctx.vertx().executeBlocking(
        () -> Files.exists(tokenFile) ? ControlToken.read(tokenFile) : null, false);
    return Future.all(data, actors, token).map(done -> {
      controlToken = token.result();
      AccountData accountData = data.result();
      AccountStore store = new AccountStore() {
        @Override
        public <T> Future<T> call(Function<AccountData, T> work) {
          return ctx.storage().call(ignored -> work.apply(accountData));
        }
      };
      accounts = new Accounts(store, actors.result(), worker,
          Accounts.Settings.defaults(ctx.config().publicUrl()).withHashing(hashing), ctx.clock());
      auth = new AuthHandler(accounts.sessions());
      return null;
    });
  }

  @Override
  public void mount(Router router, NodeContext ctx) {
    AccountApiConverter convert = new AccountApiConverter(new Uris(ctx.config().publicUrl()));
    new AdminControlRoutes(new AdminOperations(accounts), controlToken).mount(router);
    router.route().handler(auth);
    router.route().handler(new CrossSiteGuard(ctx.config().publicUrl()));
    new SessionRoutes(accounts, convert).mount(router);
    new CollectiveRoutes(accounts, convert).mount(router);
    new InvitationRoutes(accounts, convert).mount(router);
  }

  @Override
  public Future<Void> stop() {
    return worker == null ? Future.succeededFuture() : worker.close();
  }

  /** The account services (after start). */
  public Accounts accounts() {
    return accounts;
  }

  /** The handler that loads the principal (after start). */
  public AuthHandler authHandler() {
    return auth;
  }
}
