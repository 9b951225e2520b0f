// Parses each file named on the command line with ical.js (vCard 3.0/4.0 or iCalendar), reading
// every property's values. Prints "FILE: N components" per file it reads and "FILE: reason" on
// stderr per file it refuses; exits 1 when it refused any.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

let refused = 0;
for (const file of process.argv.slice(2)) {
  try {
    const parsed = ICAL.parse(readFileSync(file, "utf8"));
    // A file of one component parses to that component; of several, to a list of them.
    const list = typeof parsed[0] === "string" ? [parsed] : parsed;
    for (const jcal of list) {
      const walk = (component) => {
        for (const property of component.getAllProperties()) property.getValues();
        component.getAllSubcomponents().forEach(walk);
      };
      walk(new ICAL.Component(jcal));
    }
    console.log(`${file}: ${list.length} components`);
  } catch (error) {
    console.error(`${file}: ${error && error.message ? error.message : error}`);
    refused += 1;
  }
}
process.exit(refused ? 1 : 0);
