package io.todokit.recurrence;

import static io.todokit.recurrence.Occurrences.occurrences;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The RFC 5545 §3.8.5.3 examples within the supported subset, DTSTART at 09:00 New York. */
class Rfc5545ExamplesTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  /** Rule, DTSTART date, whether the list is all occurrences (else a prefix), expected dates. */
  static Stream<Arguments> examples() {
    return Stream.of(
        all("FREQ=DAILY;COUNT=10", "19970902", "19970902..19970911"),
        prefix("FREQ=DAILY;INTERVAL=2", "19970902", "19970902 19970904 19970906 19970908"),
        all(
            "FREQ=DAILY;INTERVAL=10;COUNT=5",
            "19970902",
            "19970902 19970912 19970922 19971002 19971012"),
        all(
            "FREQ=WEEKLY;COUNT=10",
            "19970902",
            "19970902 19970909 19970916 19970923 19970930 19971007 19971014 19971021 19971028"
                + " 19971104"),
        prefix(
            "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
            "19970902",
            "19970902 19970916 19970930 19971014 19971028 19971111 19971125 19971209 19971223"
                + " 19980106"),
        all(
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            "19970902",
            "19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925 19970930"
                + " 19971002"),
        all(
            "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
            "19970902",
            "19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925 19970930"
                + " 19971002"),
        all(
            "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
            "19970901",
            "19970901 19970903 19970905 19970915 19970917 19970919 19970929 19971001 19971003"
                + " 19971013 19971015 19971017 19971027 19971029 19971031 19971110 19971112"
                + " 19971114 19971124 19971126 19971128 19971208 19971210 19971212 19971222"),
        all(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
            "19970902",
            "19970902 19970904 19970916 19970918 19970930 19971002 19971014 19971016"),
        all(
            "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
            "19970905",
            "19970905 19971003 19971107 19971205 19980102 19980206 19980306 19980403 19980501"
                + " 19980605"),
        all(
            "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
            "19970905",
            "19970905 19971003 19971107 19971205"),
        all(
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
            "19970907",
            "19970907 19970928 19971102 19971130 19980104 19980125 19980301 19980329 19980503"
                + " 19980531"),
        all(
            "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
            "19970922",
            "19970922 19971020 19971117 19971222 19980119 19980216"),
        prefix(
            "FREQ=MONTHLY;BYMONTHDAY=-3",
            "19970928",
            "19970928 19971029 19971128 19971229 19980129 19980226"),
        all(
            "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
            "19970902",
            "19970902 19970915 19971002 19971015 19971102 19971115 19971202 19971215 19980102"
                + " 19980115"),
        all(
            "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
            "19970930",
            "19970930 19971001 19971031 19971101 19971130 19971201 19971231 19980101 19980131"
                + " 19980201"),
        all(
            "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
            "19970910",
            "19970910..19970915 19990310..19990313"),
        prefix(
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
            "19970902",
            "19970902 19970909 19970916 19970923 19970930 19971104 19971111 19971118 19971125"
                + " 19980106 19980113 19980120 19980127 19980303"),
        all(
            "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
            "19970610",
            "19970610 19970710 19980610 19980710 19990610 19990710 20000610 20000710 20010610"
                + " 20010710"),
        all(
            "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
            "19970310",
            "19970310 19990110 19990210 19990310 20010110 20010210 20010310 20030110 20030210"
                + " 20030310"),
        prefix("FREQ=YEARLY;BYDAY=20MO", "19970519", "19970519 19980518 19990517"),
        prefix(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
            "19970313",
            "19970313 19970320 19970327 19980305 19980312 19980319 19980326 19990304"),
        prefix(
            "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
            "19970605",
            "19970605 19970612 19970619 19970626 19970703 19970710 19970717 19970724 19970731"
                + " 19970807 19970814 19970821 19970828 19980604"),
        prefix(
            "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            "19970902",
            "19980213 19980313 19981113 19990813 20001013"),
        prefix(
            "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
            "19970913",
            "19970913 19971011 19971108 19971213 19980110 19980207 19980307 19980411 19980509"
                + " 19980613"),
        prefix(
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
            "19961105",
            "19961105 20001107 20041102"),
        all(
            "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
            "19970904",
            "19970904 19971007 19971106"),
        prefix(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            "19970929",
            "19970929 19971030 19971127 19971230 19980129 19980226 19980330"),
        all(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            "19970805",
            "19970805 19970810 19970819 19970824"),
        all(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            "19970805",
            "19970805 19970817 19970819 19970831"),
        all(
            "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            "20070115",
            "20070115 20070130 20070215 20070315 20070330"));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("examples")
  void matchesTheRfcExample(String rrule, String start, boolean complete, List<LocalDate> dates) {
    ZonedDateTime dtstart = at(LocalDate.parse(start, BASIC));
    List<ZonedDateTime> expected = dates.stream().map(Rfc5545ExamplesTest::at).toList();

    List<ZonedDateTime> actual =
        occurrences(RecurrenceRule.parse("RRULE:" + rrule), dtstart)
            .limit(complete ? expected.size() + 1 : expected.size())
            .toList();

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dailyUntil")
  void boundedByUtcUntil(String rrule, String start, int size, String first, String last) {
    List<ZonedDateTime> actual =
        occurrences(RecurrenceRule.parse(rrule), at(LocalDate.parse(start, BASIC))).toList();

    assertThat(actual).hasSize(size);
    assertThat(actual.getFirst()).isEqualTo(at(LocalDate.parse(first, BASIC)));
    assertThat(actual.getLast()).isEqualTo(at(LocalDate.parse(last, BASIC)));
  }

  static Stream<Arguments> dailyUntil() {
    return Stream.of(
        Arguments.of("FREQ=DAILY;UNTIL=19971224T000000Z", "19970902", 113, "19970902", "19971223"),
        Arguments.of("FREQ=WEEKLY;UNTIL=19971224T000000Z", "19970902", 17, "19970902", "19971223"),
        Arguments.of(
            "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            "19980101",
            93,
            "19980101",
            "20000131"),
        Arguments.of(
            "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", "19980101", 93, "19980101", "20000131"));
  }

  private static ZonedDateTime at(LocalDate date) {
    return ZonedDateTime.of(LocalDateTime.of(date, LocalTime.of(9, 0)), NEW_YORK);
  }

  private static Arguments all(String rrule, String start, String dates) {
    return Arguments.of(rrule, start, true, dates(dates));
  }

  private static Arguments prefix(String rrule, String start, String dates) {
    return Arguments.of(rrule, start, false, dates(dates));
  }

  /** Space-separated yyyyMMdd dates; {@code a..b} is every day from a to b. */
  private static List<LocalDate> dates(String text) {
    List<LocalDate> dates = new ArrayList<>();
    for (String item : text.split(" ")) {
      String[] range = item.split("\\.\\.");
      LocalDate from = LocalDate.parse(range[0], BASIC);
      LocalDate to = range.length == 2 ? LocalDate.parse(range[1], BASIC) : from;
      from.datesUntil(to.plusDays(1)).forEach(dates::add);
    }
    return dates;
  }
}
