package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Scheduled changes (effective_from, effective_until) go live only when the
// site is rebuilt on or after their day: build and check say when that is.

func untilFlag(fs *flag.FlagSet) *string {
	return fs.String("until", "", "also list every scheduled change after the build date up to this day, YYYY-MM-DD")
}

// parseUntil checks the -until flag; false after printing a usage error.
func parseUntil(v string, stderr io.Writer) (decide.Date, bool) {
	if v == "" {
		return decide.Date{}, true
	}
	d, ok := decide.ParseDate(v)
	if !ok {
		fmt.Fprintf(stderr, "tebiki: -until %q is not a date (YYYY-MM-DD)\n", v)
	}
	return d, ok
}

// printSchedule prints the next scheduled change after date and, with
// until, every change up to it. It returns the exit code.
func printSchedule(stdout, stderr io.Writer, src string, date decide.Date, upcoming []site.Upcoming, until decide.Date) int {
	if next := site.Next(upcoming); len(next) > 0 {
		d := next[0].Date.String()
		what := func(lang string) string {
			s := next[0].Where.In(lang) + ": " + next[0].What.In(lang)
			if lang == "ja" {
				s = next[0].Where.In(lang) + "　" + next[0].What.In(lang)
			}
			if n := len(next) - 1; n > 0 {
				if lang == "ja" {
					return fmt.Sprintf("%s ほか%d件", s, n)
				}
				return fmt.Sprintf("%s, and %d more", s, n)
			}
			return s
		}
		fmt.Fprintf(stdout, "tebiki: 次の変更は %s（%s）。この日以降にもう一度ビルドしてください\n", d, what("ja"))
		fmt.Fprintf(stdout, "tebiki: next change: %s (%s), rebuild on or after that day\n", d, what("en"))
	}
	if until.IsZero() {
		return 0
	}
	all, err := site.Scheduled(os.DirFS(src), date, until)
	if err != nil {
		return report(err, stderr)
	}
	fmt.Fprintf(stdout, "予定されている変更（%s の翌日から %s まで）/ Scheduled changes after %s, up to %s:\n", date, until, date, until)
	if len(all) == 0 {
		fmt.Fprintln(stdout, "  なし / none")
	}
	for i, u := range all {
		d := u.Date.String()
		if i > 0 && all[i-1].Date == u.Date {
			d = strings.Repeat(" ", len(d))
		}
		fmt.Fprintf(stdout, "  %s  %s　%s\n  %s  %s: %s\n", d, u.Where.Ja, u.What.Ja, strings.Repeat(" ", len(d)), u.Where.En, u.What.En)
	}
	return 0
}
