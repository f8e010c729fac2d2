package io.todokit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.todokit.dao.RecurrenceJson;
import io.todokit.recurrence.RecurrenceSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON text of parsed trees, and the recurrence view in RecurrenceJson's shape. */
class JsonTextTest {

  @Test
  void writesEveryJsonTypeCompactly() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("s", "a\"b\\c\nd\te\u0001/é");
    tree.put("i", 3);
    tree.put("l", 10_000_000_000L);
    tree.put("d", 1.5);
    tree.put("whole", 2.0);
    tree.put("big", new BigDecimal("1.25"));
    tree.put("t", true);
    List<Object> list = new ArrayList<>();
    list.add(null);
    list.add(List.of());
    list.add(Map.of());
    tree.put("list", list);
    assertThat(JsonText.write(tree))
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001/é\",\"i\":3,\"l\":10000000000,\"d\":1.5,"
                + "\"whole\":2.0,\"big\":1.25,\"t\":true,\"list\":[null,[],{}]}");
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> JsonText.write(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.write(List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecurrenceViewIsTheTreeOfItsRecurrenceJson() {
    for (String rule :
        List.of(
            "{\"frequency\": \"daily\"}",
            "{\"frequency\": \"weekly\", \"interval\": 2, \"days\": [\"monday\", \"thursday\"],"
                + " \"end_date\": \"2027-06-30\"}",
            "{\"frequency\": \"monthly\", \"month_day\": 31, \"count\": 12}")) {
      RecurrenceSpec spec = RecurrenceJson.parse(rule);
      assertThat(JsonText.write(Views.recurrence(spec))).isEqualTo(RecurrenceJson.format(spec));
      assertThat(RecurrenceJson.parse(JsonText.write(Views.recurrence(spec)))).isEqualTo(spec);
    }
  }
}
