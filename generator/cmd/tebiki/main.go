// Command tebiki is Tebiki's command line: it builds the bilingual guide
// site from content/, rules/ and themes/ into public/, and checks the input.
//
//	go run ./generator/cmd/tebiki build [-out public] [-theme default] [-src .]
//	go run ./generator/cmd/tebiki check [-src .]
//	go run ./generator/cmd/tebiki serve | diff | schema
//
// Installed with go install, it is the command tebiki. The benchmark against
// Hugo is a separate command, generator/cmd/bench.
//
// It owns the command line only (flags, help, exit codes); the work is in
// the packages under generator/internal. It must not import
// generator/internal/bench (the Hugo driver, brotli) or
// generator/internal/browser (chromedp): the product binary holds the product
// (enforced by package layers).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/schema"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
	"github.com/tebiki/tebiki/wasm/decide"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: tebiki <command> [flags]

commands:
  build   build the site into public/ (or -out)
  check   report every problem in content/, rules/ and the theme, build nothing
  serve   preview the site on this computer, rebuilding on every change
  diff    show every difference residents would see between two versions of the site
  schema  write the JSON Schemas of the rule files, for YAML-aware editors
  merge   combine the outputs of shard builds (build -shard I/N) into one site
  new     start a city or procedure as a copy of another (new city NAME --from CITY)
  version print the version of tebiki and of the checker it carries
  help    print this, or with a command's name, its flags

Run "tebiki <command> -h" for the flags of a command.
`

// run executes the command line and returns the exit code: 0 on success,
// 1 when the input has problems, 2 on a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "diff":
		return cmdDiff(args[1:], stdout, stderr)
	case "schema":
		return cmdSchema(args[1:], stdout, stderr)
	case "merge":
		return cmdMerge(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		return cmdVersion(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		return cmdHelp(args[1:], stdout, stderr)
	}
	return unknownCommand(args[0], stderr)
}

type common struct {
	src, theme, date string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.src, "src", "", "project folder holding content/, rules/ and themes/ (default: the nearest folder upward holding tebiki.yaml, or rules/ and content/)")
	fs.StringVar(&c.theme, "theme", "default", "theme to use, from themes/")
	fs.StringVar(&c.date, "date", "", "publish what is in force on this day, YYYY-MM-DD (default today)")
}

func newFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: tebiki %s [flags]\n\n%s\n\nflags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("build", "Builds the site. On any problem, prints each as file:line:col: message,\nexits 1 and leaves the output folder as it was.", stderr)
	c.register(fs)
	out := fs.String("out", "", "output folder: absent, empty, or the output of an earlier build, never the project's sources (default: public in the project folder)")
	force := fs.Bool("force", false, "replace the output folder even if it holds files of its own (never the project's sources)")
	withChecker := newCheckerFlag()
	fs.Var(withChecker, "checker", checkerUsage)
	baseURL := fs.String("base-url", "", "address where the site will be published (https://…/); makes language alternates absolute and writes sitemap.xml")
	contentOnly := fs.Bool("content-only", false, "leave out the question and outcome pages (for benchmarks)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	memprofile := fs.String("memprofile", "", "write a profile of the build's allocations to this file (go tool pprof -sample_index=alloc_space)")
	quiet := fs.Bool("quiet", false, "print problems only: no progress line, no summary")
	var sh shardFlags
	sh.register(fs)
	untilArg := untilFlag(fs)
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) || !siteRoot(&c.src, lang, stderr) {
		return 2
	}
	if *out == "" {
		*out = filepath.Join(c.src, "public")
	}
	until, ok := parseUntil(*untilArg, lang, stderr)
	if !ok {
		return 2
	}
	shard, err := sh.resolve(os.DirFS(c.src))
	if err != nil {
		fmt.Fprintln(stderr, errText(err, lang))
		return 2
	}
	checker, err := withChecker.option(c.src, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 2
	}
	tuneGC() // GOGC 200 and a soft memory limit (see gcsize.go)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	opts := site.Options{Src: os.DirFS(c.src), SrcDir: c.src, Out: *out, Force: *force, Theme: c.theme, Checker: checker, BaseURL: *baseURL, Date: c.date, Now: clock, ContentOnly: *contentOnly, Shard: shard, Loaded: settleHeap}
	var line *progressLine
	if !*quiet && isTerminal(stderr) { // a terminal, not a pipe or a CI log
		line = newProgressLine(stderr)
		opts.Progress = line.update
	}
	res, err := site.Build(opts)
	line.clear()
	if *memprofile != "" {
		if err := writeAllocs(*memprofile); err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
	}
	var refused *site.RefusedError
	if errors.As(err, &refused) {
		// The output folder may not be replaced: a usage error.
		fmt.Fprintln(stderr, refused.Err.StringIn(lang))
		return 2
	}
	if err != nil {
		return report(err, lang, stderr)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, here(w).StringIn(lang))
	}
	if *quiet {
		return 0
	}
	say(stdout, lang, "tebiki: %s into %s", res.Text(), *out)
	return printSchedule(stdout, stderr, lang, c.src, c.theme, res.Date, res.Upcoming, until)
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("check", "Reports every problem in content/, rules/ and the theme, each as\nfile:line:col: message, and exits 1 if there is any. Writes nothing.", stderr)
	c.register(fs)
	untilArg := untilFlag(fs)
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) || !siteRoot(&c.src, lang, stderr) {
		return 2
	}
	until, ok := parseUntil(*untilArg, lang, stderr)
	if !ok {
		return 2
	}
	errs := &diag.List{}
	date := today(c.src)
	if c.date != "" {
		d, ok := decide.ParseDate(c.date)
		if !ok {
			say(stderr, lang, "tebiki: -%s %q is not a date (YYYY-MM-DD)", "date", c.date)
			return 2
		}
		date = d
	}
	s := site.LoadAt(os.DirFS(c.src), c.theme, date, errs)
	if errs.Len() == 0 {
		s.Render(1, errs) // rendering finds broken links and template errors
	} else {
		s.CheckContent(errs) // report the content's problems in the same run
	}
	if err := errs.Err(); err != nil {
		return report(err, lang, stderr)
	}
	for _, w := range errs.Warnings() {
		fmt.Fprintln(stderr, here(w).StringIn(lang))
	}
	say(stdout, lang, "tebiki: no problems in %d pages; %d rule tests passed, every path covered", len(s.Pages), s.Tests.Run)
	return printSchedule(stdout, stderr, lang, c.src, c.theme, s.Date, s.Upcoming(), until)
}

func report(err error, lang string, stderr io.Writer) int {
	var de *diag.Error
	if errors.As(err, &de) {
		for i := range de.Items {
			de.Items[i] = here(de.Items[i])
		}
		for i := range de.Warnings {
			de.Warnings[i] = here(de.Warnings[i])
		}
		fmt.Fprintln(stderr, de.StringIn(lang))
		fmt.Fprintln(stderr, diag.Summary(len(de.Items), lang))
		return 1
	}
	fmt.Fprintf(stderr, "tebiki: %v\n", err)
	return 1
}

// SchemaDir is where the JSON Schemas of the rule files live; rule files
// point to them in their first line, for editors that read it.
const SchemaDir = "rules/_schema"

func cmdSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("schema", "Writes the JSON Schemas of the rule files, so that a YAML-aware editor\n(for example VS Code with the YAML extension) completes keys and flags\nmistakes while staff type. Rule files name their schema in their first line:\n\n  # yaml-language-server: $schema=../_schema/procedure.schema.json", stderr)
	out := fs.String("out", "", "folder to write the schemas into (default: "+SchemaDir+" in the project folder)")
	lang, code, ok := parseFlags(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !noArgs(fs, lang, stderr) {
		return 2
	}
	root := ""
	if !siteRoot(&root, lang, stderr) {
		return 2
	}
	if *out == "" {
		*out = filepath.Join(root, SchemaDir)
	}
	// Texts need every language the site lists in tebiki.yaml.
	files, err := schema.Files(config.LanguagesOf(os.DirFS(root)))
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "tebiki: wrote %s\n", filepath.Join(*out, name))
	}
	return 0
}

// checkerRoot finds the Tebiki module whose wasm/ is compiled with
// -checker=source: the project folder if it is one, else the current
// folder, else none.
func checkerRoot(src string) string {
	for _, dir := range []string{src, "."} {
		if wasmbuild.Available(dir) {
			return dir
		}
	}
	return ""
}

// writeAllocs writes the allocations sampled since the program started
// (build -memprofile).
func writeAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
