package bench

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"text/tabwriter"

	"github.com/andybalholm/brotli"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
	"github.com/tebiki/tebiki/wasm/decide"
)

// FirstFlight is the budget for what a page needs to render: about what the
// first round trip of a new connection delivers (an initial congestion
// window of 10 segments, ~14.6 KB, less headers), taken as 14 KiB.
const FirstFlight = 14 * 1024

var (
	linkCSS   = regexp.MustCompile(`<link[^>]*rel="?stylesheet"?[^>]*href="?([^" >]+)`)
	scriptSrc = regexp.MustCompile(`<script[^>]*src="?([^" >]+)`)
	onDemand  = regexp.MustCompile(`data-(?:wasm|exec)="?([^" >]+)`)
	fromDisk  = regexp.MustCompile(`data-wasm-js="?([^" >]+)`)
)

// Weight is the bytes one page costs: its HTML, the stylesheets and scripts
// it loads, and what the checker fetches on demand (the WebAssembly binary
// and its loader, over http; from file:// the binary comes as a script
// instead, counted apart); raw and brotli (q11, as a static host serves
// precompressed files).
type Weight struct {
	Page                        string
	HTML, CSS, JS, Demand, Disk int
	HTMLBr, CSSBr, JSBr         int
	DemandBr, DiskBr            int
	CSSFiles, JSFiles           []string
	DemandFiles, DiskFiles      []string
}

// FitsFirstFlight reports whether the compressed HTML and CSS fit in FirstFlight.
func (w Weight) FitsFirstFlight() bool { return w.HTMLBr+w.CSSBr <= FirstFlight }

// MeasureWeight weighs the page at p in the built site files.
func MeasureWeight(files map[string][]byte, p string) (Weight, error) {
	html, ok := files[p]
	if !ok {
		return Weight{}, fmt.Errorf("no page %s", p)
	}
	w := Weight{Page: p, HTML: len(html), HTMLBr: brSize(html)}
	add := func(re *regexp.Regexp, n, nbr *int, names *[]string) error {
		seen := map[string]bool{}
		for _, m := range re.FindAllSubmatch(html, -1) {
			f := path.Join(path.Dir(p), string(m[1]))
			if seen[f] {
				continue
			}
			seen[f] = true
			b, ok := files[f]
			if !ok {
				return fmt.Errorf("%s loads %s, which is not in the site", p, f)
			}
			*n += len(b)
			*nbr += brSize(b)
			*names = append(*names, f)
		}
		return nil
	}
	if err := add(linkCSS, &w.CSS, &w.CSSBr, &w.CSSFiles); err != nil {
		return w, err
	}
	if err := add(scriptSrc, &w.JS, &w.JSBr, &w.JSFiles); err != nil {
		return w, err
	}
	if err := add(onDemand, &w.Demand, &w.DemandBr, &w.DemandFiles); err != nil {
		return w, err
	}
	if err := add(fromDisk, &w.Disk, &w.DiskBr, &w.DiskFiles); err != nil {
		return w, err
	}
	return w, nil
}

func brSize(b []byte) int {
	var buf bytes.Buffer
	zw := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// PageWeight builds the sample site of the repository at root (with the
// interactive checker when withChecker and the Go toolchain is there) and
// prints the weight of a guide page and an outcome page in each language.
func PageWeight(root, date string, withChecker bool, out io.Writer) error {
	opts := site.Options{Src: os.DirFS(root), Date: date}
	if withChecker && wasmbuild.Available(root) {
		opts.Checker = root
	}
	files, _, err := site.BuildFiles(opts)
	if err != nil {
		return fmt.Errorf("building the sample site: %w", err)
	}
	pages, err := weighedPages(root, date)
	if err != nil {
		return err
	}
	checker := "with the interactive checker"
	if opts.Checker == "" {
		checker = "without the interactive checker"
	}
	fmt.Fprintf(out, "page weight of the sample site (%s), bytes raw / brotli q11:\n", checker)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  page\tHTML\tCSS\tJS\tHTML+CSS br\t≤ 14 KiB\tchecker on demand\tfrom file:// instead\t")
	var ws []Weight
	for _, p := range pages {
		w, err := MeasureWeight(files, p)
		if err != nil {
			return err
		}
		ws = append(ws, w)
		fits := "no"
		if w.FitsFirstFlight() {
			fits = "yes"
		}
		fmt.Fprintf(tw, "  %s\t%d / %d\t%d / %d\t%d / %d\t%d\t%s\t%d / %d\t%d / %d\t\n", p, w.HTML, w.HTMLBr, w.CSS, w.CSSBr, w.JS, w.JSBr, w.HTMLBr+w.CSSBr, fits, w.Demand, w.DemandBr, w.Disk, w.DiskBr)
	}
	tw.Flush()
	if len(ws) > 0 {
		w := ws[0]
		fmt.Fprintf(out, "  CSS: %v; JS: %v; checker on demand (http): %v; from file:// instead of the .wasm: %v\n", w.CSSFiles, w.JSFiles, w.DemandFiles, w.DiskFiles)
	}
	return nil
}

// weighedPages picks the pages to weigh: the renewal guide of the first
// city in each language, and the largest outcome page of that procedure.
func weighedPages(root, date string) ([]string, error) {
	d, ok := decide.ParseDate(date)
	if !ok {
		return nil, fmt.Errorf("-date %q is not a date", date)
	}
	errs := &diag.List{}
	s := site.LoadAt(os.DirFS(root), "default", d, errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var guide *site.Page
	for _, p := range s.Pages {
		if p.Kind == "guide" && p.Lang == "ja" && (guide == nil || p.Proc.ID == "renewal" && guide.Proc.ID != "renewal") {
			guide = p
		}
	}
	if guide == nil {
		return nil, fmt.Errorf("the sample site has no guide page")
	}
	var outcome *site.Page
	most := -1
	for _, p := range s.Pages {
		if p.Kind != "outcome" || p.Lang != "ja" || p.Proc != guide.Proc {
			continue
		}
		r := p.Node.Result
		n := 0
		for _, v := range r.Visits {
			n += 1 + len(v.Items)
		}
		n += len(r.Warnings)
		if n > most {
			outcome, most = p, n
		}
	}
	alts := s.Alternates(guide)
	out := []string{alts["ja"], alts["en"]}
	if outcome != nil {
		alts = s.Alternates(outcome)
		out = append(out, alts["ja"], alts["en"])
	}
	return out, nil
}
