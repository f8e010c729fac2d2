/** A todokit user on the module path: it requires the DAOs and nothing else of todokit. */
module io.todokit.consumer.modular {
  // Transitive: its API (ModularConsumer.Outcome) hands out todokit types.
  requires transitive io.todokit.dao;

  exports io.todokit.consumer.modular;
}
