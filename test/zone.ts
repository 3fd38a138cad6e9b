// The suite runs in one time zone whatever the machine's: labels and screens show local dates and times, and
// the tests name them, so a test must not pass in Taipei and fail in Honolulu. Asia/Taipei (UTC+8, no daylight
// saving) is the zone of the dock the fixtures describe. Loaded before every test process (`node --import`,
// and the Playwright config, whose workers and browsers inherit it).
export const TEST_TIME_ZONE = 'Asia/Taipei';
process.env.TZ = TEST_TIME_ZONE;
