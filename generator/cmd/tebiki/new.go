package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/scaffold"
)

const newSummary = `Starts a new city or procedure as a copy of an existing one:

  tebiki new city NAME --from CITY [-name ja=架空市 -name en="Kaku City" …]
  tebiki new procedure CITY/PROC --from CITY/PROC

The rule files, their rule tests and the content pages are copied, what names
the city is renamed, and every city-specific fact (offices, hours, contact,
fee, notes, text) is marked TODO. check and build refuse until every TODO is
gone. Nothing is overwritten.

Give the new city's name in each language of the site (the codes in
tebiki.yaml) with -name CODE=NAME; -ja and -en are short for -name ja= and
-name en=. A language without a name gets a TODO marker, or, where the old
name is in Latin script, a name made from NAME ("Kaku City").`

// cmdNew is "tebiki new city" and "tebiki new procedure".
func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", newSummary, stderr)
	src := fs.String("src", "", "project folder holding content/, rules/ and themes/ (default: the nearest folder upward holding tebiki.yaml, or rules/ and content/)")
	from := fs.String("from", "", "the city (or CITY/PROC) to copy")
	var names nameFlags
	fs.Var(&names, "name", "new city: its name in a language of the site, as `CODE=NAME`, such as ja=架空市; repeat for each language (default: a TODO marker, or from NAME for a name in Latin script)")
	fs.Var(names.shorthand("ja"), "ja", "new city: its `NAME` in Japanese, the same as -name ja=NAME")
	fs.Var(names.shorthand("en"), "en", "new city: its `NAME` in English, the same as -name en=NAME")
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
		given, ok := names.byCode(config.Codes(config.LanguagesOf(os.DirFS(*src))), lang, stderr)
		if !ok {
			return 2
		}
		res, err = scaffold.City(*src, words[1], *from, given)
	case "procedure", "proc":
		city, proc, ok1 := strings.Cut(words[1], "/")
		fromCity, fromProc, ok2 := strings.Cut(*from, "/")
		if !ok1 || !ok2 || len(names) > 0 {
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

// nameFlags are the names given with -name CODE=NAME, and with -ja and -en
// (its shorthands), in the order given.
type nameFlags []nameFlag

type nameFlag struct{ flag, value, code, name string }

func (n *nameFlags) String() string { return "" }

// Set keeps the value as given: it is checked once the site's languages are
// known, and said in the language of messages.
func (n *nameFlags) Set(v string) error {
	code, name, _ := strings.Cut(v, "=")
	*n = append(*n, nameFlag{"-name", v, strings.TrimSpace(code), name})
	return nil
}

// shorthand is a flag that gives the name in language code, as -ja does.
func (n *nameFlags) shorthand(code string) flag.Value { return shorthandFlag{n, code} }

type shorthandFlag struct {
	names *nameFlags
	code  string
}

func (s shorthandFlag) String() string { return "" }

func (s shorthandFlag) Set(v string) error {
	if v != "" { // -ja "" is no name, as it always was
		*s.names = append(*s.names, nameFlag{"-" + s.code, v, s.code, v})
	}
	return nil
}

// byCode checks the names against the site's languages, codes, and returns
// them by code; on a mistake it says what to do, and ok is false.
func (n nameFlags) byCode(codes []string, lang string, stderr io.Writer) (names scaffold.Names, ok bool) {
	names = scaffold.Names{}
	for _, f := range n {
		switch {
		case f.code == "" || strings.TrimSpace(f.name) == "":
			say(stderr, lang, "tebiki: %s %q: write CODE=NAME, such as -name en=\"Kaku City\"", f.flag, f.value)
			return nil, false
		case !slices.Contains(codes, f.code):
			say(stderr, lang, "tebiki: %s: %q is not a language of this site; use one of the codes in tebiki.yaml: %s", f.flag, f.code, strings.Join(codes, ", "))
			return nil, false
		case names[f.code] != "" && names[f.code] != f.name:
			say(stderr, lang, "tebiki: two names for language %q: %q and %q; give one", f.code, names[f.code], f.name)
			return nil, false
		}
		names[f.code] = f.name
	}
	return names, true
}
