package io.todokit.bench.dao;

import io.todokit.dao.Page;
import io.todokit.dao.PageRequest;
import io.todokit.dao.conversations.ContextWindow;
import io.todokit.dao.conversations.Message;
import io.todokit.dao.tags.Tag;
import io.todokit.dao.tasks.TagFilter;
import io.todokit.dao.tasks.Task;
import io.todokit.dao.tasks.TaskQuery;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The read paths, each as a DAO call ({@code …Dao}) and as the same SQL through plain JDBC ({@code
 * …Jdbc}), for a user (and tag, task, conversation) drawn per invocation from a seeded random: the
 * DAO and JDBC benchmarks of a path see the same sequence of users.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DaoReadBenchmark {

  /** The per-thread random that picks users; the same seed for every benchmark. */
  @State(Scope.Thread)
  public static class Picks {
    final SplittableRandom random = new SplittableRandom(42);

    int user(Dataset data) {
      return random.nextInt(data.users());
    }

    int below(int bound) {
      return random.nextInt(bound);
    }
  }

  @Benchmark
  public List<Task> overdueDao(BenchDatabase b, Picks p) {
    return b.db.tasks().overdue(b.data.userId(p.user(b.data)), Dataset.NOW);
  }

  @Benchmark
  public List<Task> overdueJdbc(BenchDatabase b, Picks p) throws SQLException {
    return b.jdbc.overdue(b.data.userId(p.user(b.data)), Dataset.NOW);
  }

  @Benchmark
  public List<Task> dueTodayDao(BenchDatabase b, Picks p) {
    return b.db.tasks().dueToday(b.data.userId(p.user(b.data)), Dataset.NOW);
  }

  @Benchmark
  public List<Task> dueTodayJdbc(BenchDatabase b, Picks p) throws SQLException {
    return b.jdbc.dueToday(b.data.userId(p.user(b.data)), Dataset.NOW);
  }

  @Benchmark
  public List<Task> byTagDao(BenchDatabase b, Picks p) {
    int u = p.user(b.data);
    return b.db.tasks().byTag(b.data.userId(u), b.data.tagId(u, p.below(b.data.tagsPerUser())));
  }

  @Benchmark
  public List<Task> byTagJdbc(BenchDatabase b, Picks p) throws SQLException {
    int u = p.user(b.data);
    return b.jdbc.byTag(b.data.userId(u), b.data.tagId(u, p.below(b.data.tagsPerUser())));
  }

  @Benchmark
  public List<Task> tagsAnyDao(BenchDatabase b, Picks p) {
    int u = p.user(b.data);
    int k = p.below(b.data.tagsPerUser());
    return b.db
        .tasks()
        .withTags(
            b.data.userId(u),
            TagFilter.anyOf(List.of(b.data.tagId(u, k), b.data.tagId(u, (k + 1) % 10))));
  }

  @Benchmark
  public List<Task> tagsAnyJdbc(BenchDatabase b, Picks p) throws SQLException {
    int u = p.user(b.data);
    int k = p.below(b.data.tagsPerUser());
    return b.jdbc.withTags(
        b.data.userId(u), b.data.tagId(u, k), b.data.tagId(u, (k + 1) % 10), false);
  }

  @Benchmark
  public List<Task> tagsAllDao(BenchDatabase b, Picks p) {
    int u = p.user(b.data);
    int k = p.below(b.data.tagsPerUser());
    return b.db
        .tasks()
        .withTags(
            b.data.userId(u),
            TagFilter.allOf(List.of(b.data.tagId(u, k), b.data.tagId(u, (k + 1) % 10))));
  }

  @Benchmark
  public List<Task> tagsAllJdbc(BenchDatabase b, Picks p) throws SQLException {
    int u = p.user(b.data);
    int k = p.below(b.data.tagsPerUser());
    return b.jdbc.withTags(
        b.data.userId(u), b.data.tagId(u, k), b.data.tagId(u, (k + 1) % 10), true);
  }

  @Benchmark
  public List<Tag> tagsOfDao(BenchDatabase b, Picks p) {
    int u = p.user(b.data);
    return b.db.tags().tagsOf(b.data.userId(u), b.data.taskId(u, p.below(b.data.tasksPerUser())));
  }

  @Benchmark
  public List<Tag> tagsOfJdbc(BenchDatabase b, Picks p) throws SQLException {
    int u = p.user(b.data);
    return b.jdbc.tagsOf(b.data.userId(u), b.data.taskId(u, p.below(b.data.tasksPerUser())));
  }

  @Benchmark
  public Page<Task> queryByPriorityDao(BenchDatabase b, Picks p) {
    return b.db.tasks().query(b.data.userId(p.user(b.data)), TaskQuery.open(), PageRequest.first());
  }

  @Benchmark
  public Page<Task> queryByPriorityJdbc(BenchDatabase b, Picks p) throws SQLException {
    return b.jdbc.openByPriority(b.data.userId(p.user(b.data)), PageRequest.DEFAULT_LIMIT);
  }

  @Benchmark
  public List<Message> windowDao(BenchDatabase b, Picks p) {
    int u = p.user(b.data);
    return b.db
        .conversations()
        .window(b.data.userId(u), b.data.conversationId(u, p.below(2)), ContextWindow.of(50))
        .messages();
  }

  @Benchmark
  /** The baseline: the plain newest-50 read that the window replaced (it may split tool calls). */
  public List<Message> windowJdbc(BenchDatabase b, Picks p) throws SQLException {
    int u = p.user(b.data);
    return b.jdbc.lastMessages(b.data.userId(u), b.data.conversationId(u, p.below(2)), 50);
  }
}
