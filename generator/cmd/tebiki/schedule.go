package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Scheduled changes (effective_from, effective_until) go live only when the
// site is rebuilt on or after their day: build and check say when that is.

func untilFlag(fs *flag.FlagSet) *string {
	return fs.String("until", "", "also list every scheduled change after the build date up to this day, YYYY-MM-DD")
}

// parseUntil checks the -until flag; false after printing a usage error.
func parseUntil(v, lang string, stderr io.Writer) (decide.Date, bool) {
	if v == "" {
		return decide.Date{}, true
	}
	d, ok := decide.ParseDate(v)
	if !ok {
		say(stderr, lang, "tebiki: -until %q is not a date (YYYY-MM-DD)", v)
	}
	return d, ok
}

// printSchedule prints the next scheduled change after date and, with
// until, every change up to it. It returns the exit code.
func printSchedule(stdout, stderr io.Writer, lang, src, theme string, date decide.Date, upcoming []site.Upcoming, until decide.Date) int {
	if next := site.Next(upcoming); len(next) > 0 {
		d := next[0].Date.String()
		what := diag.T("%s — %s", next[0].WhereIn(lang), next[0].WhatIn(lang))
		if n := len(next) - 1; n > 0 {
			what = diag.T("%s — %s, and %d more", next[0].WhereIn(lang), next[0].WhatIn(lang), n)
		}
		say(stdout, lang, "tebiki: next change: %s (%s), rebuild on or after that day", d, what)
	}
	if until.IsZero() {
		return 0
	}
	all, err := site.Scheduled(os.DirFS(src), theme, date, until)
	if err != nil {
		return report(err, lang, stderr)
	}
	say(stdout, lang, "Scheduled changes after %s, up to %s:", date, until)
	if len(all) == 0 {
		say(stdout, lang, "  none")
	}
	for i, u := range all {
		d := u.Date.String()
		if i > 0 && all[i-1].Date == u.Date {
			d = strings.Repeat(" ", len(d))
		}
		fmt.Fprintf(stdout, "  %s  %s\n", d, diag.T("%s — %s", u.WhereIn(lang), u.WhatIn(lang)).In(lang))
	}
	return 0
}
