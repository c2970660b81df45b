// The two astronomical quantities the lunisolar calendar needs: the instant of each new moon and
// the Sun's apparent longitude. Formulas from Jean Meeus, "Astronomical Algorithms" (2nd ed.,
// 1998): chapter 49 (phases of the Moon) and chapter 25 (solar coordinates, low accuracy); ΔT from
// Espenak & Meeus's polynomial expressions (NASA, Five Millennium Canon of Solar Eclipses).
// Accuracy is a few seconds for new moons and about 0.01° (some 15 minutes) for the Sun: enough to
// place each event on the right civil day except in the rare case of an event within minutes of
// midnight.

const DEG = Math.PI / 180;

/** Julian Day of 1970-01-01 00:00 UT; the Julian Day Number of a civil date is epochDay + 2440588. */
export const JULIAN_DAY_OF_UNIX_EPOCH = 2_440_587.5;

/** Mean length of a lunation (synodic month) in days. */
export const SYNODIC_MONTH = 29.530588861;

function sinDeg(degrees: number): number {
  return Math.sin(degrees * DEG);
}

/** Reduces an angle to [0, 360). */
function normalizeDegrees(degrees: number): number {
  const reduced = degrees % 360;
  return reduced < 0 ? reduced + 360 : reduced;
}

/**
 * ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus). The Moon's and Sun's theories run
 * on Terrestrial Time; civil days run on Universal Time; the difference is about a minute today.
 */
export function deltaTSeconds(decimalYear: number): number {
  const y = decimalYear;
  if (y < 1860) {
    const u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1900) {
    const t = y - 1860;
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233_174
    );
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  if (y < 2150) {
    return -20 + 32 * u * u - 0.5628 * (2150 - y);
  }
  return -20 + 32 * u * u;
}

function deltaTDays(julianDay: number): number {
  const decimalYear = 2000 + (julianDay - 2_451_545) / 365.25;
  return deltaTSeconds(decimalYear) / 86_400;
}

/**
 * Instant of the k-th new moon after the one of 2000-01-06 (k = 0; negative k before it), as a
 * Julian Ephemeris Day in Terrestrial Time (Meeus ch. 49, with all periodic and planetary terms).
 */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const mean =
    2_451_550.09766 + SYNODIC_MONTH * k + 0.00015437 * T ** 2 - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  // Eccentricity factor of the Earth's orbit, and the Sun's and Moon's arguments at that instant.
  const E = 1 - 0.002516 * T - 0.0000074 * T ** 2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T ** 2 - 0.00000011 * T ** 3;
  const Mm = 201.5643 + 385.81693528 * k + 0.0107582 * T ** 2 + 0.00001238 * T ** 3 - 0.000000058 * T ** 4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T ** 2 - 0.00000227 * T ** 3 + 0.000000011 * T ** 4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T ** 2 + 0.00000215 * T ** 3;

  const periodic =
    -0.4072 * sinDeg(Mm) +
    0.17241 * E * sinDeg(M) +
    0.01608 * sinDeg(2 * Mm) +
    0.01039 * sinDeg(2 * F) +
    0.00739 * E * sinDeg(Mm - M) -
    0.00514 * E * sinDeg(Mm + M) +
    0.00208 * E * E * sinDeg(2 * M) -
    0.00111 * sinDeg(Mm - 2 * F) -
    0.00057 * sinDeg(Mm + 2 * F) +
    0.00056 * E * sinDeg(2 * Mm + M) -
    0.00042 * sinDeg(3 * Mm) +
    0.00042 * E * sinDeg(M + 2 * F) +
    0.00038 * E * sinDeg(M - 2 * F) -
    0.00024 * E * sinDeg(2 * Mm - M) -
    0.00017 * sinDeg(Om) -
    0.00007 * sinDeg(Mm + 2 * M) +
    0.00004 * sinDeg(2 * Mm - 2 * F) +
    0.00004 * sinDeg(3 * M) +
    0.00003 * sinDeg(Mm + M - 2 * F) +
    0.00003 * sinDeg(2 * Mm + 2 * F) -
    0.00003 * sinDeg(Mm + M + 2 * F) +
    0.00003 * sinDeg(Mm - M + 2 * F) -
    0.00002 * sinDeg(Mm - M - 2 * F) -
    0.00002 * sinDeg(3 * Mm + M) +
    0.00002 * sinDeg(4 * Mm);

  // Planetary arguments A1..A14 with their coefficients.
  const planetary =
    0.000325 * sinDeg(299.77 + 0.107408 * k - 0.009173 * T ** 2) +
    0.000165 * sinDeg(251.88 + 0.016321 * k) +
    0.000164 * sinDeg(251.83 + 26.651886 * k) +
    0.000126 * sinDeg(349.42 + 36.412478 * k) +
    0.00011 * sinDeg(84.66 + 18.206239 * k) +
    0.000062 * sinDeg(141.74 + 53.303771 * k) +
    0.00006 * sinDeg(207.14 + 2.453732 * k) +
    0.000056 * sinDeg(154.84 + 7.30686 * k) +
    0.000047 * sinDeg(34.52 + 27.261239 * k) +
    0.000042 * sinDeg(207.19 + 0.121824 * k) +
    0.00004 * sinDeg(291.34 + 1.844379 * k) +
    0.000037 * sinDeg(161.72 + 24.198154 * k) +
    0.000035 * sinDeg(239.56 + 25.513099 * k) +
    0.000023 * sinDeg(331.55 + 3.592518 * k);

  return mean + periodic + planetary;
}

/** Instant of the k-th new moon (see `newMoonJde`) as a Julian Day in Universal Time. */
export function newMoonJulianDayUT(k: number): number {
  const jde = newMoonJde(k);
  return jde - deltaTDays(jde);
}

/**
 * The Sun's apparent geometric longitude in degrees [0, 360) at an instant given as a Julian Day
 * in Universal Time (Meeus ch. 25, low accuracy, with nutation and aberration).
 */
export function sunApparentLongitude(julianDayUT: number): number {
  const T = (julianDayUT + deltaTDays(julianDayUT) - 2_451_545) / 36_525;
  const L0 = 280.46646 + 36_000.76983 * T + 0.0003032 * T ** 2;
  const M = 357.52911 + 35_999.05029 * T - 0.0001537 * T ** 2;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T ** 2) * sinDeg(M) +
    (0.019993 - 0.000101 * T) * sinDeg(2 * M) +
    0.000289 * sinDeg(3 * M);
  const omega = 125.04 - 1934.136 * T;
  return normalizeDegrees(L0 + C - 0.00569 - 0.00478 * sinDeg(omega));
}
