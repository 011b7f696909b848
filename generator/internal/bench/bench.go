package bench

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

const usage = `usage: go run ./generator/cmd/bench [flags]

Generates synthetic projects of N cities (derived from the two sample cities)
and times, interleaved and each in its own process: Tebiki's whole site,
Tebiki's -content-only build (the Markdown pages only) with a minimal theme
that writes what the Hugo theme writes, and each Hugo given with -hugo on the
same Markdown, reporting the pages' bytes on both sides and the ratio of pages
per second against each Hugo. Then it times the rebuild after one city changes
its hours, and prints the page weight of the sample site.

flags:
`

// Main runs "tebiki bench" and returns the exit code: 0, 1 when something
// failed, 2 on a usage error.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	citiesFlag := fs.String("cities", "10,100,1741", "comma-separated numbers of cities to generate and build")
	rounds := fs.Int("rounds", 3, "timed builds of each kind per size, interleaved")
	var hugos []string
	fs.Func("hugo", "a Hugo binary to time against (repeatable; default: hugo on PATH, as Debian's apt-get install -y hugo; none or false: no Hugo)", func(v string) error {
		hugos = append(hugos, v)
		return nil
	})
	keep := fs.String("keep", "", "generate into this folder and keep the projects and outputs (default: a temporary folder, removed)")
	outDir := fs.String("outdir", "", "write the builds' outputs under this folder, such as /dev/shm, to time the generators without the disk (default: beside the projects)")
	seed := fs.Int64("seed", 1, "seed of the generated projects")
	pause := fs.Duration("pause", 2*time.Second, "pause before each timed build (back-to-back builds slow down on these machines)")
	date := fs.String("date", "2026-11-22", "the -date of the Tebiki builds")
	weight := fs.Bool("weight", true, "print the page weight of the sample site")
	profile := fs.Bool("profile", false, "after timing each size, profile one whole-site build (tebiki build -cpuprofile) and print go tool pprof -top")
	rootFlag := fs.String("root", "", "the Tebiki repository (default: found above the working directory)")
	cold := fs.Bool("cold", false, "start each Tebiki build with no cache (a new, empty TEBIKI_CACHE): parsed YAML, passed rule tests and cut Japanese texts are all computed again (default: the caches in the user's cache folder, kept between builds as for a city's staff)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *rounds < 1 {
		fs.Usage()
		return 2
	}
	var sizes []int
	for _, s := range strings.Split(*citiesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "tebiki bench: -cities %q: give numbers of cities such as 10,100,1741\n", *citiesFlag)
			return 2
		}
		sizes = append(sizes, n)
	}
	b := &bencher{out: stdout, errOut: stderr, rounds: *rounds, pause: *pause, date: *date, seed: *seed, profile: *profile, cold: *cold, outDir: *outDir}
	if err := b.run(*rootFlag, *keep, sizes, hugos, *weight); err != nil {
		fmt.Fprintf(stderr, "tebiki bench: %v\n", err)
		return 1
	}
	return 0
}

type bencher struct {
	out, errOut io.Writer
	rounds      int
	pause       time.Duration
	date        string
	seed        int64
	profile     bool
	cold        bool     // each Tebiki build starts with no cache
	outDir      string   // "" or where outputs go
	old         []string // previous outputs, to be deleted at the end

	root, work, bin string
	hugos           []hugoBin
}

// hugoBin is one Hugo to compare with.
type hugoBin struct {
	path, version string
}

// measured is one timed build.
type measured struct {
	wall time.Duration
	cpu  time.Duration // user + system time of the child
	rss  int64         // peak resident set, KB
}

type variant struct {
	name  string
	out   string
	args  func(out string) []string
	prog  string
	runs  []measured
	pages int
	bytes int64 // of the HTML pages
}

func (b *bencher) run(root, keep string, sizes []int, hugos []string, weight bool) error {
	var err error
	if b.root, err = FindRoot(root); err != nil {
		return err
	}
	if keep != "" {
		if b.work, err = filepath.Abs(keep); err == nil {
			err = os.MkdirAll(b.work, 0o755)
		}
	} else {
		b.work, err = os.MkdirTemp("", "tebiki-bench-")
		if err == nil {
			defer os.RemoveAll(b.work)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "tebiki bench: %s/%s, %d CPUs, GOMAXPROCS %d, %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	b.bin = filepath.Join(b.work, "bin", "tebiki")
	t0 := time.Now()
	gobuild := exec.Command(goCmd(), "build", "-o", b.bin, "./generator/cmd/tebiki")
	gobuild.Dir = b.root
	if out, err := gobuild.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./generator/cmd/tebiki: %v\n%s", err, out)
	}
	fmt.Fprintf(b.out, "tebiki: go build -o %s ./generator/cmd/tebiki (in %s): %s\n", b.bin, b.root, time.Since(t0).Round(time.Millisecond))
	if err := b.findHugos(hugos); err != nil {
		return err
	}
	fmt.Fprintf(b.out, "rounds: %d, interleaved, %s pause before each build; each build is a child process (wall time, peak RSS)\n", b.rounds, b.pause)
	var summary []string
	// Previous outputs are moved aside and deleted only at the end: on a
	// file system mounted with online discard (as here), deleting 90,000
	// files slows the writes that follow for tens of seconds, which would
	// be timed with the next build rather than with the one that made them.
	defer func() {
		for _, dir := range b.old {
			os.RemoveAll(dir)
		}
	}()
	for _, n := range sizes {
		line, err := b.size(n)
		if err != nil {
			return fmt.Errorf("%d cities: %w", n, err)
		}
		summary = append(summary, line)
	}
	if len(summary) > 1 {
		fmt.Fprintln(b.out, "\nsummary:")
		for _, l := range summary {
			fmt.Fprintln(b.out, "  "+l)
		}
	}
	if weight {
		fmt.Fprintln(b.out)
		return PageWeight(b.root, b.date, true, b.out)
	}
	return nil
}

func goCmd() string {
	if g := filepath.Join(runtime.GOROOT(), "bin", "go"); runtime.GOROOT() != "" {
		if _, err := os.Stat(g); err == nil {
			return g
		}
	}
	return "go"
}

// findHugos resolves the -hugo flags: none given means hugo on PATH, if
// any; "none" or "false" means no Hugo.
func (b *bencher) findHugos(flags []string) error {
	if len(flags) == 0 {
		if p, err := exec.LookPath("hugo"); err == nil {
			flags = []string{p}
		} else {
			fmt.Fprintln(b.out, "hugo: not installed (apt-get install -y hugo, or give -hugo PATH); timing Tebiki only")
		}
	}
	for _, f := range flags {
		switch f {
		case "none", "false":
			continue
		case "true":
			f = "hugo"
		}
		p, err := exec.LookPath(f)
		if err != nil {
			return fmt.Errorf("-hugo %s: %v", f, err)
		}
		out, err := exec.Command(p, "version").Output()
		if err != nil {
			return fmt.Errorf("-hugo %s: %s version: %v", f, p, err)
		}
		v := strings.TrimSpace(string(out))
		fmt.Fprintf(b.out, "hugo: %s: %s\n", p, v)
		b.hugos = append(b.hugos, hugoBin{path: p, version: hugoVersion(v)})
	}
	return nil
}

// hugoVersion picks "v0.166.0" out of "hugo v0.166.0-… linux/amd64 …".
func hugoVersion(s string) string {
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "v0.") || strings.HasPrefix(f, "v1.") {
			v, _, _ := strings.Cut(f, "-")
			v, _, _ = strings.Cut(v, "+")
			return v
		}
	}
	return s
}

// size generates the project of n cities and times the builds.
func (b *bencher) size(n int) (string, error) {
	dir := filepath.Join(b.work, fmt.Sprintf("cities-%d", n))
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	t0 := time.Now()
	src := filepath.Join(dir, "src")
	if err := GenerateSiteFrom(b.root, src, n, b.seed); err != nil {
		return "", err
	}
	if err := WriteHugo(src); err != nil {
		return "", err
	}
	// Tebiki -content-only uses a minimal theme that writes what the Hugo
	// theme writes and has no staff layout, so that it builds exactly the
	// Markdown pages Hugo builds, of about the same bytes.
	if err := WriteMinimalTheme(src); err != nil {
		return "", err
	}
	md, yml := countFiles(filepath.Join(src, "content"), ".md"), countFiles(filepath.Join(src, "rules"), ".yaml")
	fmt.Fprintf(b.out, "\n== %d cities: generated %d Markdown and %d YAML files in %s (not timed): %s\n", n, md, yml, time.Since(t0).Round(time.Millisecond), src)
	fmt.Fprintf(b.out, "  load average before: %s\n", loadavg())
	if b.cold {
		fmt.Fprintf(b.out, "  caches: none (each Tebiki build starts with an empty TEBIKI_CACHE)\n")
	} else {
		fmt.Fprintf(b.out, "  caches: kept between builds (TEBIKI_CACHE or the user's cache folder; the first round may fill them)\n")
	}

	tebiki := func(extra ...string) func(string) []string {
		return func(out string) []string {
			return append([]string{"build", "-src", src, "-out", out, "-checker=false", "-date", b.date}, extra...)
		}
	}
	outs := dir
	if b.outDir != "" {
		var err error
		if outs, err = os.MkdirTemp(b.outDir, fmt.Sprintf("tebiki-bench-%d-", n)); err != nil {
			return "", err
		}
		defer os.RemoveAll(outs)
		fmt.Fprintf(b.out, "  outputs under %s\n", outs)
	}
	vs := []*variant{
		{name: "tebiki (whole site)", prog: b.bin, out: filepath.Join(outs, "out-tebiki"), args: tebiki()},
		{name: "tebiki -content-only", prog: b.bin, out: filepath.Join(outs, "out-content"), args: tebiki("-content-only", "-theme", MinimalTheme)},
	}
	for i, h := range b.hugos {
		vs = append(vs, &variant{name: "hugo " + h.version + " --minify", prog: h.path, out: filepath.Join(outs, fmt.Sprintf("out-hugo-%d", i+1)), args: func(out string) []string {
			return []string{"--source", src, "--destination", out, "--minify", "--quiet"}
		}})
	}
	for _, v := range vs {
		fmt.Fprintf(b.out, "  %s: %s %s\n", v.name, filepath.Base(v.prog), strings.Join(v.args(v.out), " "))
	}
	for r := range b.rounds {
		for _, v := range vs {
			if err := b.discard(v.out); err != nil { // not timed
				return "", err
			}
			m, err := b.timed(v.prog, v.args(v.out)...)
			if err != nil {
				return "", fmt.Errorf("%s, round %d: %w", v.name, r+1, err)
			}
			v.runs = append(v.runs, m)
		}
	}
	for _, v := range vs {
		v.pages, v.bytes = htmlFiles(v.out)
	}
	for _, h := range vs[2:] {
		if vs[1].pages != h.pages {
			fmt.Fprintf(b.out, "  note: tebiki -content-only built %d pages and %s %d from the same Markdown\n", vs[1].pages, h.name, h.pages)
		}
	}

	// The incremental case: one city changes the hours of its first office
	// (rules/c0001/city.yaml and the rule tests that state them), and
	// "tebiki build" runs again over the previous output, as after an edit:
	// it finds the record of the last build and renders only that city and
	// the top pages. The new closing times are not ones the generator uses,
	// so every round changes the pages.
	full := vs[0]
	var inc []measured
	for r := range b.rounds {
		closeAt := []string{"19:10", "19:40"}[r%2]
		hours, err := EditHours(src, "c0001", closeAt)
		if err != nil {
			return "", err
		}
		m, err := b.timed(full.prog, full.args(full.out)...)
		if err != nil {
			return "", fmt.Errorf("rebuild after the edit: %w", err)
		}
		page, err := os.ReadFile(filepath.Join(full.out, "ja", "c0001", "index.html"))
		if err != nil || !bytes.Contains(page, []byte(hours)) {
			return "", fmt.Errorf("after the edit, ja/c0001/index.html does not show %q", hours)
		}
		inc = append(inc, m)
	}

	fmt.Fprintf(b.out, "  load average after: %s\n", loadavg())
	tw := tabwriter.NewWriter(b.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  build\tpages\tHTML bytes\tmedian wall\tmin–max wall\tpages/s\tmedian CPU\tpeak RSS\twall of each run, in order\t")
	for _, v := range vs {
		med := median(v.runs)
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\t%.0f\t%s\t%s\t%s\t\n", v.name, v.pages, v.bytes, secs(med), spread(v.runs), float64(v.pages)/med.Seconds(), secs(medianCPU(v.runs)), mb(peak(v.runs)), list(v.runs))
	}
	tw.Flush()
	line := fmt.Sprintf("%d cities: tebiki %d pages in %s (%s peak)", n, full.pages, secs(median(full.runs)), mb(peak(full.runs)))
	co := vs[1]
	line += fmt.Sprintf("; content-only %d pages in %s (%s peak)", co.pages, secs(median(co.runs)), mb(peak(co.runs)))
	for _, h := range vs[2:] {
		ratio := (float64(co.pages) / median(co.runs).Seconds()) / (float64(h.pages) / median(h.runs).Seconds())
		fmt.Fprintf(b.out, "  ratio, tebiki -content-only pages/s ÷ %s pages/s: %.2f (HTML bytes, tebiki ÷ hugo: %.3f; peak RSS, tebiki ÷ hugo: %.2f)\n",
			h.name, ratio, float64(co.bytes)/float64(max(h.bytes, 1)), float64(peak(co.runs))/float64(max(peak(h.runs), 1)))
		line += fmt.Sprintf("; %s %d pages in %s (%s peak), ratio %.2f", h.name, h.pages, secs(median(h.runs)), mb(peak(h.runs)), ratio)
	}
	fmt.Fprintf(b.out, "  rebuild after an edit (c0001 office hours + its rule tests changed; tebiki build over the last output, incremental): median %d ms (CPU %s), peak %s; runs %s\n",
		median(inc).Milliseconds(), secs(medianCPU(inc)), mb(peak(inc)), list(inc))
	line += fmt.Sprintf("; rebuild after one city's edit %d ms", median(inc).Milliseconds())

	if b.profile {
		if err := b.cpuProfile(src, dir, outs); err != nil {
			return "", err
		}
	}
	return line, nil
}

// discard moves the output folder out (if there is one) aside, to be
// deleted when the benchmark ends.
func (b *bencher) discard(out string) error {
	if _, err := os.Stat(out); err != nil {
		return nil
	}
	dst := fmt.Sprintf("%s.old-%d", out, len(b.old)+1)
	if err := os.Rename(out, dst); err != nil {
		return os.RemoveAll(out)
	}
	b.old = append(b.old, dst)
	return nil
}

// timed runs one build in a child process after the file systems have
// written what earlier builds left pending, and the pause.
func (b *bencher) timed(prog string, args ...string) (measured, error) {
	settle()
	time.Sleep(b.pause)
	cmd := exec.Command(prog, args...)
	cmd.Dir = b.work
	if b.cold && prog == b.bin {
		dir, err := os.MkdirTemp("", "tebiki-bench-cache-")
		if err != nil {
			return measured{}, err
		}
		defer os.RemoveAll(dir)
		cmd.Env = append(os.Environ(), "TEBIKI_CACHE="+dir)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measured{}, fmt.Errorf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, tail(out.Bytes(), 4000))
	}
	ps := cmd.ProcessState
	return measured{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rss: maxRSS(ps)}, nil
}

func (b *bencher) cpuProfile(src, dir, outs string) error {
	prof := filepath.Join(dir, "cpu.pprof")
	out := filepath.Join(outs, "out-profile")
	m, err := b.timed(b.bin, "build", "-src", src, "-out", out, "-checker=false", "-date", b.date, "-cpuprofile", prof)
	if err != nil {
		return err
	}
	fmt.Fprintf(b.out, "  CPU profile of one whole-site build (%s): %s\n", secs(m.wall), prof)
	top, err := exec.Command(goCmd(), "tool", "pprof", "-top", "-nodecount=25", b.bin, prof).CombinedOutput()
	if err != nil {
		return fmt.Errorf("go tool pprof: %v\n%s", err, top)
	}
	cum, err := exec.Command(goCmd(), "tool", "pprof", "-top", "-cum", "-nodecount=30", b.bin, prof).CombinedOutput()
	if err != nil {
		return fmt.Errorf("go tool pprof: %v\n%s", err, cum)
	}
	fmt.Fprintf(b.out, "  go tool pprof -top -nodecount=25:\n%s\n  go tool pprof -top -cum -nodecount=30:\n%s", indent(top), indent(cum))
	return nil
}

func indent(b []byte) string {
	var s strings.Builder
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if l != "" {
			s.WriteString("    " + l)
		}
	}
	return s.String()
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func median(ms []measured) time.Duration {
	ws := make([]time.Duration, len(ms))
	for i, m := range ms {
		ws[i] = m.wall
	}
	slices.Sort(ws)
	if len(ws)%2 == 1 {
		return ws[len(ws)/2]
	}
	return (ws[len(ws)/2-1] + ws[len(ws)/2]) / 2
}

func medianCPU(ms []measured) time.Duration {
	cs := make([]measured, len(ms))
	for i, m := range ms {
		cs[i] = measured{wall: m.cpu}
	}
	return median(cs)
}

// loadavg is the system's load average, to judge how quiet the machine was.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ")
}

func peak(ms []measured) int64 {
	var p int64
	for _, m := range ms {
		p = max(p, m.rss)
	}
	return p
}

func list(ms []measured) string {
	var s []string
	for _, m := range ms {
		s = append(s, secs(m.wall))
	}
	return strings.Join(s, " ")
}

// spread is the fastest and the slowest run.
func spread(ms []measured) string {
	lo, hi := ms[0].wall, ms[0].wall
	for _, m := range ms {
		lo, hi = min(lo, m.wall), max(hi, m.wall)
	}
	return fmt.Sprintf("%.3f–%.3f s", lo.Seconds(), hi.Seconds())
}

// htmlFiles counts the HTML pages under dir and their bytes.
func htmlFiles(dir string) (n int, size int64) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			if fi, err := d.Info(); err == nil {
				n++
				size += fi.Size()
			}
		}
		return nil
	})
	return n, size
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

func mb(kb int64) string {
	if kb == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MB", float64(kb)/1024)
}

func countFiles(dir, ext string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ext) {
			n++
		}
		return nil
	})
	return n
}
