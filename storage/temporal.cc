// The proleptic Gregorian calendar and ISO week dates. Parsing is in
// temporal_parse.cc, printing in temporal_format.cc.
#include "storage/temporal.h"

#include "storage/floor_division.h"

namespace guanxi::storage {

namespace {

// 1 (Monday) to 7; the epoch, 1970-01-01, was a Thursday.
unsigned iso_day_of_week(std::int64_t days) {
  return static_cast<unsigned>(days + 3 - floor_div(days + 3, 7) * 7) + 1;
}

// Days since the epoch of the Monday that starts week 1 of `week_year`: the
// week holding January 4th, which is always in week 1.
std::int64_t first_monday(std::int64_t week_year) {
  const std::int64_t jan4 = days_from_civil(week_year, 1, 4);
  return jan4 - (iso_day_of_week(jan4) - 1);
}

}  // namespace

bool is_leap_year(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years,
// each exactly 146097 days, with years starting in March so that the leap
// day comes last.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t* year, unsigned* month, unsigned* day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (*month <= 2);
}

unsigned weeks_in_week_year(std::int64_t week_year) {
  return static_cast<unsigned>((first_monday(week_year + 1) - first_monday(week_year)) / 7);
}

std::int64_t days_from_week_date(std::int64_t week_year, unsigned week, unsigned day_of_week) {
  return first_monday(week_year) + (static_cast<std::int64_t>(week) - 1) * 7 + day_of_week - 1;
}

WeekDate week_date_from_days(std::int64_t days) {
  std::int64_t year;
  unsigned month, day;
  civil_from_days(days, &year, &month, &day);
  // The week year differs from the calendar year only in the first and
  // last days of January and December.
  std::int64_t week_year = year;
  if (days < first_monday(year)) {
    week_year = year - 1;
  } else if (days >= first_monday(year + 1)) {
    week_year = year + 1;
  }
  const std::int64_t offset = days - first_monday(week_year);
  return WeekDate{week_year, static_cast<unsigned>(offset / 7) + 1, iso_day_of_week(days)};
}

}  // namespace guanxi::storage
