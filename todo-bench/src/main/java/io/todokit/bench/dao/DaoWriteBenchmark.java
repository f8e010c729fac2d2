package io.todokit.bench.dao;

import io.todokit.dao.TransactionOptions;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.conversations.NewMessage;
import io.todokit.dao.recurring.MaterializeResult;
import io.todokit.dao.reminders.ClaimRequest;
import io.todokit.dao.reminders.ReminderClaim;
import io.todokit.dao.tasks.Completion;
import io.todokit.dao.tasks.NewTask;
import io.todokit.dao.tasks.Priority;
import io.todokit.dao.tasks.Task;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The write paths, each as a DAO call and as its JDBC twin (the same statements in one
 * transaction). Every invocation's effect is undone by a {@code @TearDown(Level.Invocation)}
 * outside the measured time, so the dataset does not drift and the DAO and JDBC variants face
 * identical work: create → delete the task; complete → delete the next task and reopen the task
 * with its original version and timestamps; claim → put the claimed firings back (the same 100
 * oldest are claimed every time; claim has no JDBC twin); materializeDue → delete the created tasks
 * and put the templates' {@code next_due_at} back; append → delete the message and step the
 * conversation back.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DaoWriteBenchmark {

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** create: a task with two tags of a random user; deleted afterwards. */
  @State(Scope.Thread)
  public static class Create {
    final SplittableRandom random = new SplittableRandom(42);
    UUID user;
    UUID created;

    NewTask next(BenchDatabase b) {
      int u = random.nextInt(b.data.users());
      int k = random.nextInt(b.data.tagsPerUser());
      user = b.data.userId(u);
      return NewTask.titled("Benchmark task")
          .withPriority(Priority.HIGH)
          .withDueAt(Dataset.NOW.plusSeconds(86_400))
          .withTagIds(List.of(b.data.tagId(u, k), b.data.tagId(u, (k + 1) % 10)));
    }

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      if (created != null) {
        b.execute("DELETE FROM tasks WHERE user_id = ? AND id = ?", user, created);
        created = null;
      }
    }
  }

  @Benchmark
  public Task createTaskDao(BenchDatabase b, Create s) {
    NewTask task = s.next(b);
    Task created = b.db.tasks().create(s.user, task);
    s.created = created.id();
    return created;
  }

  @Benchmark
  public Task createTaskJdbc(BenchDatabase b, Create s) throws SQLException {
    NewTask task = s.next(b);
    Task created =
        b.jdbc.createWithTags(
            s.user,
            task.title(),
            task.priority(),
            task.dueAt(),
            task.tagIds().get(0),
            task.tagIds().get(1));
    s.created = created.id();
    return created;
  }

  /**
   * 1,000 tasks with two tags each of a random user, created in one call ({@code createAll}) or by
   * 1,000 {@code create} calls in one transaction; deleted afterwards. Tasks per second = 1,000 /
   * the mean time.
   */
  @State(Scope.Thread)
  public static class CreateMany {
    static final int TASKS = 1_000;
    final SplittableRandom random = new SplittableRandom(42);
    UUID user;
    List<Task> created = List.of();

    List<NewTask> next(BenchDatabase b) {
      int u = random.nextInt(b.data.users());
      user = b.data.userId(u);
      List<NewTask> tasks = new ArrayList<>(TASKS);
      for (int i = 0; i < TASKS; i++) {
        int k = i % b.data.tagsPerUser();
        tasks.add(
            NewTask.titled("Benchmark task " + i)
                .withPriority(Priority.HIGH)
                .withDueAt(Dataset.NOW.plusSeconds(86_400 + i))
                .withTagIds(
                    List.of(b.data.tagId(u, k), b.data.tagId(u, (k + 1) % b.data.tagsPerUser()))));
      }
      return tasks;
    }

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      List<Object[]> rows = new ArrayList<>(created.size());
      for (Task task : created) {
        rows.add(new Object[] {task.userId(), task.id()});
      }
      b.batch("DELETE FROM tasks WHERE user_id = ? AND id = ?", rows);
      created = List.of();
    }
  }

  @Benchmark
  public List<Task> createAllDao(BenchDatabase b, CreateMany s) {
    List<NewTask> tasks = s.next(b);
    s.created = b.db.tasks().createAll(s.user, tasks);
    return s.created;
  }

  @Benchmark
  public List<Task> createAllJdbc(BenchDatabase b, CreateMany s) throws SQLException {
    List<NewTask> tasks = s.next(b);
    s.created = b.batchJdbc.createAll(s.user, tasks);
    return s.created;
  }

  @Benchmark
  public List<Task> createInTransactionDao(BenchDatabase b, CreateMany s) {
    List<NewTask> tasks = s.next(b);
    s.created = b.db.transactionResult(tx -> createEach(tx, s.user, tasks));
    return s.created;
  }

  @Benchmark
  public List<Task> createInTransactionNoSavepointsDao(BenchDatabase b, CreateMany s) {
    List<NewTask> tasks = s.next(b);
    s.created =
        b.db.transactionResult(
            TransactionOptions.withoutSavepoints(), tx -> createEach(tx, s.user, tasks));
    return s.created;
  }

  @Benchmark
  public List<Task> createInTransactionJdbc(BenchDatabase b, CreateMany s) throws SQLException {
    List<NewTask> tasks = s.next(b);
    s.created = b.batchJdbc.createEachInOneTransaction(s.user, tasks);
    return s.created;
  }

  private static List<Task> createEach(io.todokit.dao.TodoDb tx, UUID user, List<NewTask> tasks) {
    List<Task> created = new ArrayList<>(tasks.size());
    for (NewTask task : tasks) {
      created.add(tx.tasks().create(user, task));
    }
    return created;
  }

  /** complete: an open recurring task from a pool drawn once; reopened afterwards. */
  @State(Scope.Thread)
  public static class Complete {
    final List<int[]> pool = new ArrayList<>();
    int next;
    int[] current;
    Completion completion;

    @Setup(Level.Trial)
    public void pick(BenchDatabase b) {
      SplittableRandom random = new SplittableRandom(42);
      while (pool.size() < 512) {
        int u = random.nextInt(b.data.users());
        int t = b.data.openRecurringTask(u, random.nextInt(b.data.tasksPerUser()));
        if (t >= 0) {
          pool.add(new int[] {u, t});
        }
      }
    }

    int[] take() {
      current = pool.get(next++ % pool.size());
      return current;
    }

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      if (completion == null) {
        return;
      }
      completion
          .next()
          .ifPresent(
              task ->
                  b.execute(
                      "DELETE FROM tasks WHERE user_id = ? AND id = ?", task.userId(), task.id()));
      Dataset.TaskRow original = b.data.task(current[0], current[1]);
      b.execute(
          "UPDATE tasks SET status = ?::task_status, completed_at = NULL, version = ?, updated_at = ?"
              + " WHERE user_id = ? AND id = ?",
          original.status(),
          original.version(),
          time(original.updatedAt()),
          b.data.userId(current[0]),
          original.id());
      completion = null;
    }
  }

  @Benchmark
  public Completion completeRecurringDao(BenchDatabase b, Complete s) {
    int[] pick = s.take();
    s.completion = b.db.tasks().complete(b.data.userId(pick[0]), b.data.taskId(pick[0], pick[1]));
    return s.completion;
  }

  @Benchmark
  public Completion completeRecurringJdbc(BenchDatabase b, Complete s) throws SQLException {
    int[] pick = s.take();
    s.completion = b.jdbc.complete(b.data.userId(pick[0]), b.data.taskId(pick[0], pick[1]));
    return s.completion;
  }

  /** claim(100): the claimed firings are put back to pending afterwards. */
  @State(Scope.Thread)
  public static class Claim {
    List<ReminderClaim> claimed = List.of();

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      List<Object[]> rows = new ArrayList<>();
      for (ReminderClaim claim : claimed) {
        rows.add(new Object[] {claim.userId(), claim.reminderId()});
      }
      b.batch(
          "UPDATE reminders SET state = 'pending', next_attempt_at = fire_at, lease_token = NULL,"
              + " attempts = 0, delivered_at = NULL WHERE user_id = ? AND id = ?",
          rows);
      claimed = List.of();
    }
  }

  @Benchmark
  public List<ReminderClaim> claimDao(BenchDatabase b, Claim s) {
    s.claimed =
        b.db
            .withClock(Clock.fixed(Dataset.NOW, ZoneOffset.UTC))
            .reminders()
            .claim(ClaimRequest.of(100));
    return s.claimed;
  }

  /**
   * claim(100) as on a database distributed on user_id ({@code TodoDb.withDistributed(true)}), run
   * on this one server: an unlocked candidate read, then one locking statement per user (the 100
   * oldest firings belong to ~100 users). What the distributed form costs against {@link
   * #claimDao}, the one-statement claim of a single server.
   */
  @Benchmark
  public List<ReminderClaim> claimDistributedDao(BenchDatabase b, Claim s) {
    s.claimed =
        b.db
            .withDistributed(true)
            .withClock(Clock.fixed(Dataset.NOW, ZoneOffset.UTC))
            .reminders()
            .claim(ClaimRequest.of(100));
    return s.claimed;
  }

  /**
   * claim(100) and one ackAll of the batch, as {@code ReminderWorker} does it, by 8 workers at once
   * (SKIP LOCKED hands each its own rows): firings per second = 100 × 8 / the mean time.
   */
  @Benchmark
  @Threads(8)
  public List<ReminderClaim> claimAndAckDao(BenchDatabase b, Claim s) {
    var reminders = b.db.withClock(Clock.fixed(Dataset.NOW, ZoneOffset.UTC)).reminders();
    s.claimed = reminders.claim(ClaimRequest.of(100));
    reminders.ackAll(s.claimed.stream().map(ReminderClaim::lease).toList());
    return s.claimed;
  }

  /** materializeDue(100): the tasks are deleted and the templates put back afterwards. */
  @State(Scope.Thread)
  public static class Materialize {
    final Map<UUID, Object[]> templates = new HashMap<>();
    MaterializeResult result;

    @Setup(Level.Trial)
    public void remember(BenchDatabase b) {
      for (Object[] row :
          b.query(
              "SELECT user_id, id, next_due_at, updated_at FROM recurring_tasks WHERE is_active"
                  + " AND next_due_at <= '"
                  + Dataset.NOW
                  + "' ORDER BY next_due_at LIMIT 1000")) {
        templates.put((UUID) row[1], row);
      }
    }

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      if (result == null) {
        return;
      }
      List<Object[]> tasks = new ArrayList<>();
      Set<UUID> touched = new LinkedHashSet<>(result.deactivatedTemplateIds());
      for (Task task : result.created()) {
        tasks.add(new Object[] {task.userId(), task.id()});
        touched.add(task.templateId());
      }
      b.batch("DELETE FROM tasks WHERE user_id = ? AND id = ?", tasks);
      List<Object[]> restore = new ArrayList<>();
      for (UUID id : touched) {
        Object[] row = templates.get(id);
        if (row == null) {
          throw new IllegalStateException(
              "materializeDue touched a template it should not have: " + id);
        }
        restore.add(new Object[] {row[2], row[3], row[0], row[1]});
      }
      b.batch(
          "UPDATE recurring_tasks SET next_due_at = ?, is_active = true, updated_at = ?"
              + " WHERE user_id = ? AND id = ?",
          restore);
      result = null;
    }
  }

  @Benchmark
  public MaterializeResult materializeDueDao(BenchDatabase b, Materialize s) {
    s.result =
        b.db.withClock(Clock.fixed(Dataset.NOW, ZoneOffset.UTC)).recurring().materializeDue(100);
    return s.result;
  }

  /** materializeDue(100) in the user-by-user form of a distributed database, on this server. */
  @Benchmark
  public MaterializeResult materializeDueDistributedDao(BenchDatabase b, Materialize s) {
    s.result =
        b.db
            .withDistributed(true)
            .withClock(Clock.fixed(Dataset.NOW, ZoneOffset.UTC))
            .recurring()
            .materializeDue(100);
    return s.result;
  }

  @Benchmark
  public MaterializeResult materializeDueJdbc(BenchDatabase b, Materialize s) throws SQLException {
    s.result = b.jdbc.materializeDue(Dataset.NOW, 100);
    return s.result;
  }

  /** append: a user message to a random conversation; removed afterwards. */
  @State(Scope.Thread)
  public static class Append {
    final SplittableRandom random = new SplittableRandom(42);
    int u;
    int k;
    Message appended;

    void pick(BenchDatabase b) {
      u = random.nextInt(b.data.users());
      k = random.nextInt(b.data.conversationsPerUser());
    }

    @TearDown(Level.Invocation)
    public void undo(BenchDatabase b) {
      if (appended == null) {
        return;
      }
      UUID user = b.data.userId(u);
      b.execute("DELETE FROM messages WHERE user_id = ? AND id = ?", user, appended.id());
      b.execute(
          "UPDATE conversations SET last_message_seq = last_message_seq - 1, updated_at = ?"
              + " WHERE user_id = ? AND id = ?",
          time(b.data.messageAt(u, k, b.data.messagesPerConversation())),
          user,
          b.data.conversationId(u, k));
      appended = null;
    }
  }

  private static final String CONTENT = "Remind me to water the plants every Sunday at 9.";

  @Benchmark
  public Message appendMessageDao(BenchDatabase b, Append s) {
    s.pick(b);
    s.appended =
        b.db
            .conversations()
            .append(b.data.userId(s.u), b.data.conversationId(s.u, s.k), NewMessage.user(CONTENT));
    return s.appended;
  }

  @Benchmark
  public Message appendMessageJdbc(BenchDatabase b, Append s) throws SQLException {
    s.pick(b);
    s.appended =
        b.jdbc.appendUserMessage(b.data.userId(s.u), b.data.conversationId(s.u, s.k), CONTENT);
    return s.appended;
  }
}
