// Reads iCalendar files as Thunderbird and the Nextcloud Calendar app do (ical.js) and prints, as JSON lines,
// every event's start and end as Unix seconds; a recurring event is expanded for `years` years.
// Usage: node icaljs_read.mjs YEARS FILE...   (ical.js is imported from the project's node_modules)
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [years, ...files] = process.argv.slice(2);
for (const file of files) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  // As a client does: the feed's own VTIMEZONEs define its TZIDs (registered afresh for each feed).
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const row = { file, uid: event.uid, occurrences: [] };
    if (event.isRecurring()) {
      const horizon = event.startDate.toUnixTime() + Number(years) * 366 * 86400;
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        if (details.startDate.toUnixTime() > horizon) break;
        row.occurrences.push([details.startDate.toUnixTime(), details.endDate.toUnixTime()]);
      }
    } else {
      row.occurrences.push([event.startDate.toUnixTime(), event.endDate.toUnixTime()]);
    }
    process.stdout.write(JSON.stringify(row) + "\n");
  }
  ICAL.TimezoneService.reset();
}
