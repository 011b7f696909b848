package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
)

// shardFlags are build's -shard and -cities: a build of some cities only,
// to be combined with the other parts by tebiki merge.
type shardFlags struct {
	shard, cities string
}

func (f *shardFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.shard, "shard", "", "build part I of N of the cities, such as 2/8, into its own -out folder; combine the parts with tebiki merge")
	fs.StringVar(&f.cities, "cities", "", "build only these cities (comma-separated folder names of rules/) into their own -out folder; combine the parts with tebiki merge")
}

// resolve returns the shard's cities, or nil for a whole site.
func (f *shardFlags) resolve(src fs.FS) ([]string, error) {
	switch {
	case f.shard != "" && f.cities != "":
		return nil, textError{diag.T("give -shard or -cities, not both")}
	case f.cities != "":
		var out []string
		for _, c := range strings.Split(f.cities, ",") {
			if c = strings.TrimSpace(c); c != "" {
				out = append(out, c)
			}
		}
		if len(out) == 0 {
			return nil, textError{diag.T("-cities %q names no city", f.cities)}
		}
		return out, nil
	case f.shard != "":
		a, b, ok := strings.Cut(f.shard, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			return nil, textError{diag.T("-shard %q: give I/N, such as 2/8", f.shard)}
		}
		cities, err := site.ShardCities(src, i, n)
		if err != nil {
			return nil, err
		}
		if cities == nil {
			cities = []string{} // more shards than cities: this one builds only the top pages
		}
		return cities, nil
	}
	return nil, nil
}

// textError is a usage error, shown in the reader's language.
type textError struct{ diag.Text }

func (e textError) Error() string { return e.Text.String() }

// errText renders err in lang: a diagnostic or usage error in the
// reader's language, anything else as it is.
func errText(err error, lang string) string {
	var te textError
	var de *diag.Error
	switch {
	case errors.As(err, &te):
		return "tebiki: " + te.In(lang)
	case errors.As(err, &de):
		return de.StringIn(lang)
	}
	return "tebiki: " + err.Error()
}

func cmdMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", "Combines the output folders of shard builds (tebiki build -shard I/N or\n-cities) of one project into one site, the same as a single full build:\n\n  tebiki build -shard 1/2 -out part1\n  tebiki build -shard 2/2 -out part2\n  tebiki merge -out public part1 part2\n\nThe parts must be built from the same files, options and -date.", stderr)
	out := fs.String("out", "public", "output folder of the merged site")
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	res, err := site.Merge(*out, fs.Args())
	var refused *site.RefusedError
	if errors.As(err, &refused) {
		fmt.Fprintln(stderr, refused.Err.StringIn(lang))
		return 2
	}
	if err != nil {
		return report(err, lang, stderr)
	}
	say(stdout, lang, "tebiki: merged %d shards: %d pages (%d files, %d KB) into %s", fs.NArg(), res.Pages, res.Files, res.Bytes/1024, *out)
	return 0
}
