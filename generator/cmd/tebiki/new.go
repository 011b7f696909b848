package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/scaffold"
)

const newSummary = `Starts a new city or procedure as a copy of an existing one:

  tebiki new city NAME --from CITY [-ja 架空市] [-en "Kaku City"]
  tebiki new procedure CITY/PROC --from CITY/PROC

The rule files, their rule tests and the content pages are copied, what names
the city is renamed, and every city-specific fact (offices, hours, contact,
fee, notes, text) is marked TODO. check and build refuse until every TODO is
gone. Nothing is overwritten.`

// cmdNew is "tebiki new city" and "tebiki new procedure".
func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", newSummary, stderr)
	src := fs.String("src", "", "project folder holding content/, rules/ and themes/ (default: the nearest folder upward holding tebiki.yaml, or rules/ and content/)")
	from := fs.String("from", "", "the city (or CITY/PROC) to copy")
	ja := fs.String("ja", "", "new city: its name in Japanese, such as 架空市 (default: a TODO marker)")
	en := fs.String("en", "", "new city: its name in English, such as \"Kaku City\" (default: from NAME)")
	langFlag := fs.String("lang", "", "language of messages: ja or en (default from LC_ALL, LC_MESSAGES or LANG)")
	// Flags may come before or after the words: tebiki new city kaku --from sanda.
	var words []string
	var held bytes.Buffer // the help goes to stdout, a flag error to stderr
	fs.SetOutput(&held)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				stdout.Write(held.Bytes())
				return 0
			}
			stderr.Write(held.Bytes())
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
	lang, ok := messageLang(*langFlag, stderr)
	if !ok {
		return 2
	}
	if !siteRoot(src, lang, stderr) {
		return 2
	}
	if len(words) != 2 || *from == "" {
		fs.Usage()
		return 2
	}
	var res *scaffold.Result
	var err error
	switch words[0] {
	case "city":
		res, err = scaffold.City(*src, words[1], *from, scaffold.Names{Ja: *ja, En: *en})
	case "procedure", "proc":
		city, proc, ok1 := strings.Cut(words[1], "/")
		fromCity, fromProc, ok2 := strings.Cut(*from, "/")
		if !ok1 || !ok2 || *ja != "" || *en != "" {
			say(stderr, lang, "tebiki: write both procedures as CITY/PROC, for example: tebiki new procedure sanda/moving --from sanda/renewal")
			return 2
		}
		res, err = scaffold.Procedure(*src, city, proc, fromCity, fromProc)
	default:
		fs.Usage()
		return 2
	}
	if err != nil {
		return report(err, lang, stderr)
	}
	for _, f := range res.Files {
		say(stdout, lang, "tebiki: wrote %s", f)
	}
	for _, d := range res.Todos {
		fmt.Fprintf(stdout, "%s: %s\n", d.Pos, d.Msg.In(lang))
	}
	say(stdout, lang, "tebiki: %d TODO markers to replace with the city's own facts; check and build refuse until they are gone", len(res.Todos))
	return 0
}
