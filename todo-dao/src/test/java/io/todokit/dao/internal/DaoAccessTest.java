package io.todokit.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.tasks.TaskDao;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DaoAccessTest {

  @Test
  void aSecondRegistrationOfADaoIsRefused() {
    // TaskDao registered itself when its class was initialized.
    DaoAccess.create(TaskDao.class, context());

    assertThatThrownBy(() -> DaoAccess.register(TaskDao.class, context -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("io.todokit.dao.tasks.TaskDao is already registered");
  }

  @Test
  void aClassThatRegistersNoConstructorCannotBeCreated() {
    assertThatThrownBy(() -> DaoAccess.create(Unregistered.class, context()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(Unregistered.class.getName() + " registers no constructor");
  }

  @Test
  void theDaoConstructorsArePrivate() {
    assertThat(TaskDao.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPrivate(c.getModifiers())).isTrue());
    assertThat(Arrays.asList(TaskDao.class.getConstructors())).isEmpty();
  }

  private static DaoContext context() {
    return DaoContext.of(
        org.jooq.impl.DSL.using(org.jooq.SQLDialect.POSTGRES),
        "todokit",
        java.time.Clock.systemUTC(),
        DaoContext.Timeouts.DEFAULT,
        CursorCodec.defaultKey(),
        false);
  }

  static final class Unregistered {}
}
