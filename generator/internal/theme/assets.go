package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// buildAssets bundles and minifies every entry point in the theme's assets
// folder with esbuild, reading through fsys so tests can use in-memory trees.
// Output names carry a content hash, so browsers may cache them for ever.
func (t *Theme) buildAssets(fsys fs.FS, errs *diag.List) {
	t.Assets, t.Files = map[string]string{}, map[string][]byte{}
	dir := path.Join(t.Dir, "assets")
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return // a theme without assets is allowed
	}
	var points []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, "_") || strings.HasPrefix(n, ".") {
			continue
		}
		switch path.Ext(n) {
		case ".css", ".ts", ".js":
			points = append(points, "/"+path.Join(dir, n))
		case ".svg", ".png", ".ico":
			// Images (the icon) are copied as they are: a page under a
			// strict Content-Security-Policy may load no data: URL.
			data, err := fs.ReadFile(fsys, path.Join(dir, n))
			if err != nil {
				errs.Add(diag.Pos{File: path.Join(dir, n)}, "asset: %v", err)
				continue
			}
			t.AddAsset(n, data)
		}
	}
	sort.Strings(points)
	if len(points) == 0 {
		return
	}
	// A theme whose asset files are as at an earlier build takes what
	// esbuild made of them then (see assetcache.go).
	key := assetKey(points)
	cache := assetsKept.Load()
	outs, ok := lookupAssets(cache, fsys, key)
	if !ok {
		var built *builtAssets
		outs, built = bundle(fsys, dir, points, errs)
		if built != nil {
			cache.Store(key, built)
		}
	}
	for _, f := range outs {
		out := strings.TrimPrefix(f.path, "/out/")
		base := path.Base(out)
		// style-HASH.css -> style.css
		ext := path.Ext(base)
		stem := strings.TrimSuffix(base, ext)
		if i := strings.LastIndex(stem, "-"); i > 0 {
			stem = stem[:i]
		}
		entry := stem + ext
		if ext == ".js" {
			// a .ts entry comes out as .js; keep both names usable
			t.Assets[stem+".ts"] = out
		}
		t.Assets[entry] = out
		t.Files[out] = f.data
	}
}

// bundle runs esbuild on the entry points (paths from the root of fsys,
// with a leading slash) of the theme's assets folder dir. It returns the
// files it wrote, and, when it reported no error, those with the files it
// read, for the cache.
func bundle(fsys fs.FS, dir string, points []string, errs *diag.List) ([]assetOut, *builtAssets) {
	loader := func(p string) api.Loader {
		switch path.Ext(p) {
		case ".css":
			return api.LoaderCSS
		case ".ts":
			return api.LoaderTS
		}
		return api.LoaderJS
	}
	var (
		mu   sync.Mutex
		read = map[string][32]byte{} // the files loaded, by path
	)
	plugin := api.Plugin{Name: "theme-fs", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			p := a.Path
			if !strings.HasPrefix(p, "/") {
				p = path.Join(a.ResolveDir, p)
			}
			return api.OnResolveResult{Path: p, Namespace: "theme"}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "theme"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			name := strings.TrimPrefix(a.Path, "/")
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			sum := sha256.Sum256(src)
			mu.Lock()
			read[name] = sum
			mu.Unlock()
			s := string(src)
			return api.OnLoadResult{Contents: &s, Loader: loader(a.Path), ResolveDir: path.Dir(a.Path)}, nil
		})
	}}
	res := api.Build(api.BuildOptions{
		EntryPoints:       points,
		Bundle:            true,
		Write:             false,
		Outdir:            "/out/assets",
		AbsWorkingDir:     "/",
		EntryNames:        "[name]-[hash]",
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Target:            api.ES2020,
		Format:            api.FormatIIFE,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		Plugins:           []api.Plugin{plugin},
		LogLevel:          api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		pos := diag.Pos{File: dir}
		if m.Location != nil {
			pos = diag.Pos{File: strings.TrimPrefix(m.Location.File, "theme:/"), Line: m.Location.Line, Col: m.Location.Column + 1}
			pos.File = strings.TrimPrefix(pos.File, "/")
		}
		errs.Add(pos, "asset: %s", m.Text)
	}
	outs := make([]assetOut, len(res.OutputFiles))
	for i, f := range res.OutputFiles {
		outs[i] = assetOut{path: f.Path, data: f.Contents}
	}
	if len(res.Errors) > 0 {
		return outs, nil
	}
	built := &builtAssets{outs: outs}
	for name, sum := range read {
		built.inputs = append(built.inputs, assetInput{path: name, sum: sum})
	}
	slices.SortFunc(built.inputs, func(a, b assetInput) int { return strings.Compare(a.path, b.path) })
	return outs, built
}

// AddAsset adds a file built outside the theme (such as the checker's
// WebAssembly binary) under a content-hashed name, and returns its path.
func (t *Theme) AddAsset(entry string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(entry)
	out := "assets/" + strings.TrimSuffix(entry, ext) + "-" + strings.ToUpper(hex.EncodeToString(sum[:4])) + ext
	t.Assets[entry] = out
	t.Files[out] = data
	return out
}

// Strings returns the UI strings of lang.
func (t *Theme) Strings(lang string) map[string]string { return t.strings[lang] }

// MinifyJS minifies a script with esbuild.
func MinifyJS(src []byte) ([]byte, error) {
	res := api.Transform(string(src), api.TransformOptions{Loader: api.LoaderJS, MinifyWhitespace: true, MinifySyntax: true, MinifyIdentifiers: true, Target: api.ES2020, LegalComments: api.LegalCommentsNone})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("minifying: %s", res.Errors[0].Text)
	}
	return res.Code, nil
}
