#!/usr/bin/env python3
"""Generates the Chinese (lunisolar) calendar table of services/reminders/domain/chinese_calendar.cc.

A maintainer tool: the build and the tests never run it. Its output is committed. Run it with the
Debian/Ubuntu python3-ephem package (PyEphem, the XEphem astronomy library):

    sudo apt-get install -y python3-ephem
    /usr/bin/python3 tools/calendar/generate_chinese_calendar.py > /tmp/table.inc

and paste the printed block over the one between the "BEGIN GENERATED" and "END GENERATED" lines of
chinese_calendar.cc (then `clang-format -i` that file). `--dump` prints every lunar month instead,
for checking by eye;
`--near-midnight MINUTES` lists the new moons and 清明 instants that close to a Beijing midnight (the
dates a small ephemeris error could move; check those against the published tables).

The rules are those of the 时宪历 (Shixian calendar, in force since 1645) with true (astronomical)
new moons and true solar terms, as the Purple Mountain Observatory computes the calendar for China
(codified in GB/T 33661-2017 《农历的编算和颁行》) and the Hong Kong Observatory publishes it:
  1. From 1929 on, all times are Beijing time, UTC+8 (the standard meridian 120°E). Before 1929 the
     calendar was computed for the meridian of Beijing itself, 116°25'E (local mean time,
     UTC+7:45:40); the Hong Kong Observatory's tables follow that, e.g. 正月初一 1916 is February 3
     (conjunction 00:05 UTC+8 on the 4th, 23:51 Beijing local time on the 3rd), and so do 1914-11-17
     and 1920-11-10. One published date of that era differs from any modern computation and is
     taken as published: see PUBLISHED_NEW_MOON_DAYS.
  2. A month starts on the civil day (as in 1) of an astronomical new moon (conjunction).
  3. The 24 solar terms are the instants the sun's apparent geocentric ecliptic longitude reaches a
     multiple of 15°; those at multiples of 30° are the principal terms (中气). 冬至 (winter
     solstice) is 270°, 清明 is 15°.
  4. The month whose span (new-moon day up to, not including, the next new-moon day) contains the
     day of the winter solstice is month 11 (十一月).
  5. If there are 13 months from one month 11 up to (not including) the next month 11 (a 闰年), the
     first of them, after month 11, that contains no principal term is the leap month; it takes the
     number of the month before it. Otherwise months are numbered on from 11: 12, 1 (正月), 2, ...
  6. A lunar year runs from its month 1 (正月初一, Spring Festival) to the day before the next one.
  7. 清明 (Qingming) is the civil day (as in 1) of the solar term at longitude 15°.

Packed table, one uint32 per lunar year 1900..2100 (bit 0 is the least significant):
  bits  0..12  month lengths, in order, bit i set = the i-th month of the year (leap month in its
               place) has 30 days, clear = 29 days; 12 or 13 months;
  bits 13..16  the leap month's number, 0 = none (the leap month follows the regular one);
  bits 17..22  正月初一 as the day of the Gregorian year (0 = January 1);
  bits 23..24  Qingming of Gregorian year Y as (day of April - 4), 3 = not tabulated (year 1900).
"""
import datetime
import sys

import ephem

BEIJING = 8 / 24.0  # UTC+8 in days
BEIJING_LOCAL_MEAN_TIME = (116 + 25 / 60.0) / 15.0 / 24.0  # 116°25'E in days, used before 1929
STANDARD_TIME_FROM = ephem.Date(datetime.datetime(1929, 1, 1)) - BEIJING  # 1929-01-01 00:00 UTC+8
FIRST_YEAR, LAST_YEAR = 1900, 2100

# New moons whose day in the calendar as published (and in HKO's tables) differs from the
# computation above: {computed day: published day}. For past years the published calendar is the
# authority; these are its decisions, not ours.
PUBLISHED_NEW_MOON_DAYS = {
    # Conjunction 1906-04-23 23:52 Beijing local time by modern ephemerides (00:06 UTC+8 on the
    # 24th); HKO's T1906 starts 四月 on April 24 (the calendar of that time used older theory).
    datetime.date(1906, 4, 23): datetime.date(1906, 4, 24),
}


def beijing_date(t):
    """The civil date in Beijing of the instant t (ephem.Date or float, UT): UTC+8 from 1929 on,
    Beijing local mean time before."""
    offset = BEIJING if float(t) >= STANDARD_TIME_FROM else BEIJING_LOCAL_MEAN_TIME
    return ephem.Date(t + offset).datetime().date()


def sun_longitude(t):
    """The sun's apparent geocentric ecliptic longitude, degrees, referred to the true equinox of
    date (aberration and nutation included: PyEphem's g_ra/g_dec are apparent positions)."""
    d = ephem.Date(t)
    sun = ephem.Sun()
    sun.compute(d, epoch=d)
    ecl = ephem.Ecliptic(ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=d), epoch=d)
    return float(ecl.lon) * 180.0 / 3.141592653589793


def solar_term(target, guess):
    """The instant (UT, ephem float) near `guess` at which the sun's longitude is `target` deg."""
    t = float(guess)
    for _ in range(50):
        diff = (target - sun_longitude(t) + 180.0) % 360.0 - 180.0
        step = diff / 360.0 * 365.2422
        t += step
        if abs(step) < 1e-7:  # ~0.01 s
            break
    return t


def principal_terms(start_year, end_year):
    """(longitude, instant) of every principal term (multiple of 30°) from start_year to end_year."""
    out = []
    for year in range(start_year, end_year + 1):
        for k in range(12):
            lon = (270 + 30 * k) % 360  # 冬至 of the previous December onwards
            # Mean guess: winter solstice ~Dec 22 of year-1, then +30.44 days per term.
            guess = ephem.Date(datetime.datetime(year - 1, 12, 22)) + k * 30.436875
            out.append((lon, solar_term(lon, guess)))
    return out


def qingming(year):
    return beijing_date(solar_term(15.0, ephem.Date(datetime.datetime(year, 4, 5))))


def new_moons(start, end):
    """The instants (UT, ephem float) of every new moon from start to end (datetime.date)."""
    moons = []
    t = ephem.Date(datetime.datetime(start.year, start.month, start.day))
    stop = ephem.Date(datetime.datetime(end.year, end.month, end.day))
    while t < stop:
        t = ephem.next_new_moon(t)
        moons.append(float(t))
        t = ephem.Date(t + 1)
    return moons


def new_moon_days(start, end):
    """The Beijing dates of every new moon from start to end (datetime.date), as published."""
    days = [beijing_date(t) for t in new_moons(start, end)]
    return [PUBLISHED_NEW_MOON_DAYS.get(day, day) for day in days]


def minutes_from_midnight(t):
    """How far the instant t is from the nearest Beijing midnight (as beijing_date counts), minutes."""
    offset = BEIJING if float(t) >= STANDARD_TIME_FROM else BEIJING_LOCAL_MEAN_TIME
    day_fraction = (float(t) + offset + 0.5) % 1.0  # ephem days start at noon UT
    return min(day_fraction, 1.0 - day_fraction) * 24 * 60


def near_midnight(limit_minutes):
    """Prints every new moon and every 清明 of 1900..2100 within limit_minutes of a Beijing
    midnight: the days where a small ephemeris error would move a date, to check by hand."""
    for t in new_moons(datetime.date(1900, 1, 1), datetime.date(2101, 12, 31)):
        if minutes_from_midnight(t) < limit_minutes:
            local = ephem.Date(t + BEIJING).datetime()
            print("new moon %s UTC+8 (%.1f min from the calendar's midnight; before 1929 that is Beijing local time)" % (local.strftime("%Y-%m-%d %H:%M:%S"), minutes_from_midnight(t)))
    for year in range(FIRST_YEAR + 1, LAST_YEAR + 1):
        t = solar_term(15.0, ephem.Date(datetime.datetime(year, 4, 5)))
        if minutes_from_midnight(t) < limit_minutes:
            local = ephem.Date(t + BEIJING).datetime()
            print("qingming %s UTC+8 (%.1f min from the calendar's midnight; before 1929 that is Beijing local time)" % (local.strftime("%Y-%m-%d %H:%M:%S"), minutes_from_midnight(t)))


def lunar_months():
    """[(start date, month number, leap flag)] from month 11 of 1898 to month 11 of 2101, plus the
    start of the month after the last one (as a sentinel with number 0)."""
    moons = new_moon_days(datetime.date(1898, 10, 1), datetime.date(2102, 3, 1))
    terms = principal_terms(1899, 2102)
    zhongqi_days = sorted(beijing_date(t) for _, t in terms)
    solstices = [beijing_date(t) for lon, t in terms if lon == 270]

    def month_index(day):  # index i with moons[i] <= day < moons[i+1]
        for i in range(len(moons) - 1):
            if moons[i] <= day < moons[i + 1]:
                return i
        raise ValueError(day)

    def has_zhongqi(i):
        return any(moons[i] <= d < moons[i + 1] for d in zhongqi_days)

    m11 = [month_index(ws) for ws in solstices if datetime.date(1898, 12, 1) < ws < datetime.date(2101, 12, 31)]
    months = []
    for a, b in zip(m11, m11[1:]):
        leap_index = None
        if b - a == 13:
            leap_index = next(i for i in range(a + 1, b) if not has_zhongqi(i))
        elif b - a != 12:
            raise ValueError(f"{b - a} months between {moons[a]} and {moons[b]}")
        number = 11
        for i in range(a, b):
            if i == leap_index:
                months.append((moons[i], number, True))
                continue
            if i != a:
                number = number % 12 + 1
            months.append((moons[i], number, False))
    months.append((moons[m11[-1]], 0, False))
    return months


def lunar_years(months):
    """{lunar year: (new year date, [month lengths], leap month number)} for 1900..2100."""
    years = {}
    for i, (start, number, leap) in enumerate(months[:-1]):
        if number == 1 and not leap:
            years.setdefault(start.year, [start, [], 0])
        if years:
            year = max(years)
            if start >= years[year][0]:
                years[year][1].append((months[i + 1][0] - start).days)
                if leap:
                    years[year][2] = number
    return {y: v for y, v in years.items() if FIRST_YEAR <= y <= LAST_YEAR}


def main():
    if "--near-midnight" in sys.argv:
        near_midnight(float(sys.argv[sys.argv.index("--near-midnight") + 1]))
        return
    months = lunar_months()
    if "--dump" in sys.argv:
        for start, number, leap in months:
            print(start, ("闰" if leap else "") + str(number))
        return
    years = lunar_years(months)
    print("// BEGIN GENERATED by tools/calendar/generate_chinese_calendar.py (PyEphem %s)" % ephem.__version__)
    print("constexpr int kTableFirstYear = %d;" % FIRST_YEAR)
    print("constexpr int kTableLastYear = %d;" % LAST_YEAR)
    print("constexpr std::array<uint32_t, %d> kLunarYears = {" % (LAST_YEAR - FIRST_YEAR + 1))
    for y in range(FIRST_YEAR, LAST_YEAR + 1):
        new_year, lengths, leap = years[y]
        assert len(lengths) == (13 if leap else 12), (y, lengths)
        assert all(n in (29, 30) for n in lengths), (y, lengths)
        bits = sum(1 << i for i, n in enumerate(lengths) if n == 30)
        doy = (new_year - datetime.date(y, 1, 1)).days
        qm = qingming(y).day - 4 if y > FIRST_YEAR else 3
        assert 0 <= qm <= 3 and 0 <= doy < 64
        word = bits | (leap << 13) | (doy << 17) | (qm << 23)
        print("    0x%07x,  // %d: %s, leap %d" % (word, y, new_year.isoformat(), leap))
    print("};")
    print("// END GENERATED")


if __name__ == "__main__":
    main()
