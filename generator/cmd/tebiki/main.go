// Command generator is Tebiki's command line: it builds the bilingual guide
// site from content/, rules/ and themes/ into public/, and checks the input.
//
//	go run ./generator/cmd/tebiki build [-out public] [-theme default] [-src .]
//	go run ./generator/cmd/tebiki check [-src .]
//	go run ./generator/cmd/tebiki serve | diff | schema
//
// Installed with go install, it is the command tebiki. The benchmark against
// Hugo is a separate command, generator/cmd/bench.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/diff"
	"github.com/tebiki/tebiki/generator/internal/rules"
	"github.com/tebiki/tebiki/generator/internal/schema"
	"github.com/tebiki/tebiki/generator/internal/serve"
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
  diff    show what changes for residents between two dates or two revisions
  schema  write the JSON Schemas of the rule files, for YAML-aware editors
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
	out := fs.String("out", "", "output folder (default: public in the project folder)")
	withChecker := newCheckerFlag()
	fs.Var(withChecker, "checker", checkerUsage)
	baseURL := fs.String("base-url", "", "address where the site will be published (https://…/); makes language alternates absolute and writes sitemap.xml")
	contentOnly := fs.Bool("content-only", false, "leave out the question and outcome pages (for benchmarks)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	quiet := fs.Bool("quiet", false, "print problems only: no progress line, no summary")
	if code, ok := parseArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if !siteRoot(&c.src, stderr) {
		return 2
	}
	if *out == "" {
		*out = filepath.Join(c.src, "public")
	}
	checker, err := withChecker.option(c.src, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 2
	}
	if os.Getenv("GOGC") == "" {
		// A build holds little (under 600 MB for 1,741 cities) and
		// allocates much: collecting garbage half as often makes a build
		// of 100 cities about a seventh faster for a third more memory.
		debug.SetGCPercent(200)
	}
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
	opts := site.Options{Src: os.DirFS(c.src), Out: *out, Theme: c.theme, Checker: checker, BaseURL: *baseURL, Date: c.date, ContentOnly: *contentOnly}
	var line *progressLine
	if !*quiet && isTerminal(stderr) { // a terminal, not a pipe or a CI log
		line = newProgressLine(stderr)
		opts.Progress = line.update
	}
	res, err := site.Build(opts)
	line.clear()
	if err != nil {
		return report(err, stderr)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "tebiki: %s into %s\n", res, *out)
	}
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("check", "Reports every problem in content/, rules/ and the theme, each as\nfile:line:col: message, and exits 1 if there is any. Writes nothing.", stderr)
	c.register(fs)
	if code, ok := parseArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if !siteRoot(&c.src, stderr) {
		return 2
	}
	errs := &diag.List{}
	date := rules.Today()
	if c.date != "" {
		d, ok := decide.ParseDate(c.date)
		if !ok {
			fmt.Fprintf(stderr, "tebiki: -date %q is not a date (YYYY-MM-DD)\n", c.date)
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
		return report(err, stderr)
	}
	fmt.Fprintf(stdout, "tebiki: no problems in %d pages; %d rule tests passed, every path covered\n", len(s.Pages), s.Tests.Run)
	return 0
}

func flagErr(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func report(err error, stderr io.Writer) int {
	lang := diag.LangFromEnv(os.Getenv)
	var de *diag.Error
	if errors.As(err, &de) {
		for _, d := range de.Items {
			fmt.Fprintf(stderr, "%s\n", d.StringIn(lang))
		}
		fmt.Fprintln(stderr, diag.Summary(len(de.Items), lang))
		return 1
	}
	fmt.Fprintf(stderr, "tebiki: %v\n", err)
	return 1
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c common
	fs := newFlags("serve", "Serves a preview of the site on this computer only (loopback), rebuilds it\nwhenever a file in content/, rules/ or themes/ changes, and reloads the open\npage. If an edit breaks the build, the last good site stays up and the\nproblems show in the page and here.", stderr)
	c.register(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on (loopback only)")
	withChecker := newCheckerFlag()
	fs.Var(withChecker, "checker", checkerUsage)
	if code, ok := parseArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if !siteRoot(&c.src, stderr) {
		return 2
	}
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		fmt.Fprintf(stderr, "tebiki: serve listens on this computer only; use an address like 127.0.0.1:1313\n")
		return 2
	}
	srv := &serve.Server{Root: c.src, Theme: c.theme, Log: stderr, Date: c.date, Lang: diag.LangFromEnv(os.Getenv)}
	if srv.Checker, err = withChecker.option(c.src, stderr); err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 2
	}
	srv.Rebuild()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "tebiki: preview at http://%s/ (Ctrl+C to stop)\n", ln.Addr())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	go srv.Watch(ctx)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go func() { <-ctx.Done(); hs.Close() }()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return 1
	}
	return 0
}

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "Compares two versions of the rules as residents meet them: for every\ncombination of answers, the outcome and what to bring on each visit, and\nthe offices, hours and fee. Compare two dates of the working tree:\n\n  tebiki diff -from 2027-03-31 -to 2027-04-01\n\nor a git revision with the working tree, on one date:\n\n  tebiki diff -rev HEAD [-date 2027-04-01]\n\nThe report is printed here (Japanese and English) and written as a page for\nstaff with -html.", stderr)
	src := fs.String("src", "", "project folder holding rules/, a git work tree for -rev (default: the nearest folder upward holding tebiki.yaml, or rules/ and content/)")
	from := fs.String("from", "", "the earlier date, YYYY-MM-DD")
	to := fs.String("to", "", "the later date, YYYY-MM-DD")
	rev := fs.String("rev", "", "git revision to compare with the working tree")
	date := fs.String("date", "", "with -rev: the day both sides are read for (default today)")
	htmlOut := fs.String("html", "", "also write the report as an HTML page to this file")
	if code, ok := parseArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if !siteRoot(src, stderr) {
		return 2
	}
	parse := func(name, v string) (decide.Date, bool) {
		if v == "" {
			return rules.Today(), true
		}
		d, ok := decide.ParseDate(v)
		if !ok {
			fmt.Fprintf(stderr, "tebiki: -%s %q is not a date (YYYY-MM-DD)\n", name, v)
		}
		return d, ok
	}
	errs := &diag.List{}
	var a, b *rules.Rules
	var la, lb string
	work := os.DirFS(*src)
	switch {
	case *rev != "" && (*from != "" || *to != ""):
		fmt.Fprintln(stderr, "tebiki: give either -rev or -from and -to")
		return 2
	case *rev != "":
		d, ok := parse("date", *date)
		if !ok {
			return 2
		}
		old, err := diff.RulesAt(*src, *rev)
		if err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
		a, b = rules.LoadAt(old, d, errs), rules.LoadAt(work, d, errs)
		la, lb = *rev+" ("+d.String()+")", "working tree ("+d.String()+")"
	case *from != "" && *to != "":
		df, ok1 := parse("from", *from)
		dt, ok2 := parse("to", *to)
		if !ok1 || !ok2 {
			return 2
		}
		a, b = rules.LoadAt(work, df, errs), rules.LoadAt(work, dt, errs)
		la, lb = df.String(), dt.String()
	default:
		fs.Usage()
		return 2
	}
	if err := errs.Err(); err != nil {
		return report(err, stderr)
	}
	rep := diff.Compare(la, lb, a, b)
	rep.Text(stdout)
	if *htmlOut != "" {
		var buf bytes.Buffer
		if err := rep.HTML(&buf); err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
		if err := os.WriteFile(*htmlOut, buf.Bytes(), 0o644); err != nil {
			fmt.Fprintf(stderr, "tebiki: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "tebiki: wrote %s\n", *htmlOut)
	}
	return 0
}

// SchemaDir is where the JSON Schemas of the rule files live; rule files
// point to them in their first line, for editors that read it.
const SchemaDir = "rules/_schema"

func cmdSchema(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("schema", "Writes the JSON Schemas of the rule files, so that a YAML-aware editor\n(for example VS Code with the YAML extension) completes keys and flags\nmistakes while staff type. Rule files name their schema in their first line:\n\n  # yaml-language-server: $schema=../_schema/procedure.schema.json", stderr)
	out := fs.String("out", "", "folder to write the schemas into (default: "+SchemaDir+" in the project folder)")
	if code, ok := parseArgs(fs, args, stdout, stderr); !ok {
		return code
	}
	if *out == "" {
		root := ""
		if !siteRoot(&root, stderr) {
			return 2
		}
		*out = filepath.Join(root, SchemaDir)
	}
	files, err := schema.Files()
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
