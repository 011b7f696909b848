package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"strings"
	"sync/atomic"

	"github.com/tebiki/tebiki/generator/internal/keyfile"
)

// A cache of the theme's built assets, kept between builds. esbuild is
// the same for every build of a theme whose asset files have not changed,
// and a small site pays for it more than for anything of its own size: at
// 100 cities, running it (its parser of the JavaScript runtime it bundles,
// the CSS, the linker) took about 1.2 MB of the heap live while the pages
// were rendered and about 2 MB of the executable's pages, a tenth of the
// build's peak memory in all. A set of entry points is taken as built when
// every file esbuild read for it (the entry points and what they import) is
// byte for byte as then; only a build with no error is kept. The caller
// names the file after the running executable (and so after the esbuild
// and the options it carries), so a Tebiki that bundles otherwise never
// reads another's results.

const assetCacheMagic = "tebiki-theme-assets-1\n"

// keepAssetSets is how many sets of entry points a save keeps at most: the
// project's themes (a build may be made with another theme, see -theme).
const keepAssetSets = 16

// builtAssets is what esbuild made of a set of entry points.
type builtAssets struct {
	inputs []assetInput // the files it read, by path
	outs   []assetOut   // what it wrote, in its order
}

type assetInput struct {
	path string
	sum  [32]byte
}

type assetOut struct {
	path string // as esbuild names it: /out/assets/NAME-HASH.EXT
	data []byte
}

// assetsKept holds the sets read from the file and those of this process
// (see package keyfile).
var assetsKept atomic.Pointer[keyfile.File[*builtAssets]]

var assetCacheHits atomic.Int64

// AssetCacheHits counts the themes whose assets were taken from the cache
// since the process started (for tests).
func AssetCacheHits() int64 { return assetCacheHits.Load() }

// LoadAssetCache starts using the cache of built assets in the file at
// path. A missing, truncated or corrupt file is no error: it is as if
// empty.
func LoadAssetCache(path string) {
	assetsKept.Store(keyfile.Load(path, assetCacheMagic, readBuilt))
}

// SaveAssetCache writes the sets used or built since LoadAssetCache (and
// some of the others) if one was built, and stops using the cache.
func SaveAssetCache() error {
	c := assetsKept.Swap(nil)
	if c == nil {
		return nil
	}
	return c.Save(func(int) int { return keepAssetSets }, appendBuilt)
}

// assetKey is the key of a set of entry points (their paths, sorted).
func assetKey(points []string) [32]byte {
	return sha256.Sum256([]byte(strings.Join(points, "\x00")))
}

// lookupAssets returns what esbuild made of the entry points of key, if c
// holds it and every file it read is as then (read through fsys, as
// esbuild would have read them). c may be nil.
func lookupAssets(c *keyfile.File[*builtAssets], fsys fs.FS, key [32]byte) ([]assetOut, bool) {
	b, ok := c.Lookup(key)
	if !ok {
		return nil, false
	}
	for _, in := range b.inputs {
		src, err := fs.ReadFile(fsys, in.path)
		if err != nil || sha256.Sum256(src) != in.sum {
			return nil, false
		}
	}
	assetCacheHits.Add(1)
	return b.outs, true
}

// appendBuilt writes a set: the inputs (path and hash), then the outputs
// (path and bytes).
func appendBuilt(b []byte, ba *builtAssets) []byte {
	b = binary.AppendUvarint(b, uint64(len(ba.inputs)))
	for _, in := range ba.inputs {
		b = keyfile.AppendString(b, in.path)
		b = append(b, in.sum[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(ba.outs)))
	for _, o := range ba.outs {
		b = keyfile.AppendString(b, o.path)
		b = binary.AppendUvarint(b, uint64(len(o.data)))
		b = append(b, o.data...)
	}
	return b
}

// readBuilt reads what appendBuilt writes. The outputs are copied: the
// file's bytes are not kept.
func readBuilt(r *keyfile.Reader) *builtAssets {
	ba := &builtAssets{}
	for n := r.Count(); n > 0; n-- {
		var in assetInput
		in.path = r.Str()
		copy(in.sum[:], r.Bytes(32))
		ba.inputs = append(ba.inputs, in)
	}
	for n := r.Count(); n > 0; n-- {
		var o assetOut
		o.path = r.Str()
		o.data = bytes.Clone(r.Bytes(r.Count()))
		ba.outs = append(ba.outs, o)
	}
	return ba
}
