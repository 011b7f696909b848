package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/tebiki/tebiki/generator/internal/diff"
	"github.com/tebiki/tebiki/wasm/decide"
)

const diffSummary = `Shows every difference residents would see between two versions of the
site: pages added or removed, scheduled changes announced, the outcome of
every combination of answers (documents, visits, offices, hours, fee), the
theme's UI strings, and every paragraph of every page that changed, each
with the pages it affects. Compare

  a git revision with the working tree, on one day:
    tebiki diff -rev HEAD [-date 2027-04-01]
  a published site folder (as copied to the web server) with the working tree:
    tebiki diff -against /path/to/public [-date 2027-04-01]
  two days of the working tree:
    tebiki diff -from 2027-03-31 -to 2027-04-01

The report is printed in Japanese and English; -html FILE also writes it as
a page, -json prints it as JSON instead. Exit status: 0 when residents would
see no difference, 1 when they would, 2 on a usage error or a problem in the
input (like diff(1)).`

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", diffSummary, stderr)
	src := fs.String("src", "", "project folder holding content/, rules/ and themes/, a git work tree for -rev (default: the nearest folder upward holding tebiki.yaml, or rules/ and content/)")
	theme := fs.String("theme", "default", "theme to use, from themes/")
	from := fs.String("from", "", "the earlier date, YYYY-MM-DD")
	to := fs.String("to", "", "the later date, YYYY-MM-DD")
	rev := fs.String("rev", "", "git revision to compare with the working tree")
	against := fs.String("against", "", "published site folder (with its "+".tebiki-build.json"+") to compare with the working tree")
	date := fs.String("date", "", "with -rev or -against: the day the working tree (and the revision) is built for (default today)")
	htmlOut := fs.String("html", "", "also write the report as an HTML page to this file")
	asJSON := fs.Bool("json", false, "print the report as JSON instead of text")
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) || !siteRoot(src, lang, stderr) {
		return 2
	}
	parse := func(name, v string) (decide.Date, bool) {
		if v == "" {
			return today(*src), true
		}
		d, ok := decide.ParseDate(v)
		if !ok {
			say(stderr, lang, "tebiki: -%s %q is not a date (YYYY-MM-DD)", name, v)
		}
		return d, ok
	}
	modes := 0
	for _, set := range []bool{*rev != "", *against != "", *from != "" || *to != ""} {
		if set {
			modes++
		}
	}
	if modes != 1 || (*from != "") != (*to != "") || (*date != "" && *from != "") {
		if modes > 1 {
			say(stderr, lang, "tebiki: give one of -rev, -against, or -from with -to")
		} else {
			fs.Usage()
		}
		return 2
	}
	trouble := func(err error) int {
		report(err, lang, stderr)
		return 2
	}
	work := os.DirFS(*src)
	var a, b *diff.Side
	var err error
	switch {
	case *from != "":
		df, ok1 := parse("from", *from)
		dt, ok2 := parse("to", *to)
		if !ok1 || !ok2 {
			return 2
		}
		if a, err = diff.BuildSide(df.String(), work, *theme, df); err != nil {
			return trouble(err)
		}
		if b, err = diff.BuildSide(dt.String(), work, *theme, dt); err != nil {
			return trouble(err)
		}
	default:
		d, ok := parse("date", *date)
		if !ok {
			return 2
		}
		if *rev != "" {
			old, err := diff.SiteAt(*src, *rev)
			if err != nil {
				return trouble(err)
			}
			if a, err = diff.BuildSide(*rev+" ("+d.String()+")", old, *theme, d); err != nil {
				return trouble(fmt.Errorf("building %s: %w", *rev, err))
			}
		} else if a, err = diff.PublishedSide(*against); err != nil {
			return trouble(err)
		}
		if b, err = diff.BuildSide("working tree ("+d.String()+")", work, *theme, d); err != nil {
			return trouble(err)
		}
	}
	rev2 := diff.CompareSites(a, b)
	if *asJSON {
		if err := rev2.JSON(stdout); err != nil {
			return trouble(err)
		}
	} else {
		rev2.Text(stdout)
	}
	if *htmlOut != "" {
		var buf bytes.Buffer
		if err := rev2.HTML(&buf); err != nil {
			return trouble(err)
		}
		if err := os.WriteFile(*htmlOut, buf.Bytes(), 0o644); err != nil {
			return trouble(err)
		}
		say(stderr, lang, "tebiki: wrote %s", *htmlOut)
	}
	if rev2.Empty() {
		return 0
	}
	return 1
}
