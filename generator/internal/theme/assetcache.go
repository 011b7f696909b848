package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

type assetCache struct {
	mu    sync.Mutex
	path  string
	old   map[[32]byte]*builtAssets // read from the file
	seen  map[[32]byte]*builtAssets // used or made by this process
	dirty bool
}

var assetsKept atomic.Pointer[assetCache]

var assetCacheHits atomic.Int64

// AssetCacheHits counts the themes whose assets were taken from the cache
// since the process started (for tests).
func AssetCacheHits() int64 { return assetCacheHits.Load() }

// LoadAssetCache starts using the cache of built assets in the file at
// path. A missing, truncated or corrupt file is no error: it is as if
// empty.
func LoadAssetCache(path string) {
	c := &assetCache{path: path, old: map[[32]byte]*builtAssets{}, seen: map[[32]byte]*builtAssets{}}
	if b, err := os.ReadFile(path); err == nil {
		if m, err := readAssetCache(b); err == nil {
			c.old = m
		}
	}
	assetsKept.Store(c)
}

// SaveAssetCache writes the sets used or built since LoadAssetCache (and
// some of the others) if one was built, and stops using the cache.
func SaveAssetCache() error {
	c := assetsKept.Swap(nil)
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	keys := make([][32]byte, 0, keepAssetSets)
	for k := range c.seen {
		keys = append(keys, k)
	}
	for k := range c.old {
		if len(keys) >= keepAssetSets {
			break
		}
		if _, ok := c.seen[k]; !ok {
			c.seen[k] = c.old[k]
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	b := []byte(assetCacheMagic)
	for _, k := range keys {
		b = appendBuilt(b, k, c.seen[k])
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, c.path)
}

// assetKey is the key of a set of entry points (their paths, sorted).
func assetKey(points []string) [32]byte {
	return sha256.Sum256([]byte(strings.Join(points, "\x00")))
}

// lookup returns what esbuild made of the entry points of key, if the
// cache holds it and every file it read is as then (read through fsys, as
// esbuild would have read them). c may be nil.
func (c *assetCache) lookup(fsys fs.FS, key [32]byte) ([]assetOut, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	b, ok := c.seen[key]
	if !ok {
		b, ok = c.old[key]
	}
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	for _, in := range b.inputs {
		src, err := fs.ReadFile(fsys, in.path)
		if err != nil || sha256.Sum256(src) != in.sum {
			return nil, false
		}
	}
	c.mu.Lock()
	c.seen[key] = b
	c.mu.Unlock()
	assetCacheHits.Add(1)
	return b.outs, true
}

func (c *assetCache) store(key [32]byte, b *builtAssets) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[key] = b
	c.dirty = true
}

// appendBuilt appends a record: the key, the inputs (path and hash), the
// outputs (path and bytes), and a CRC-32C of the record.
func appendBuilt(b []byte, key [32]byte, ba *builtAssets) []byte {
	start := len(b)
	b = append(b, key[:]...)
	b = binary.AppendUvarint(b, uint64(len(ba.inputs)))
	for _, in := range ba.inputs {
		b = appendString(b, in.path)
		b = append(b, in.sum[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(ba.outs)))
	for _, o := range ba.outs {
		b = appendString(b, o.path)
		b = binary.AppendUvarint(b, uint64(len(o.data)))
		b = append(b, o.data...)
	}
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b[start:], crcTable))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var crcTable = crc32.MakeTable(crc32.Castagnoli)

var errBadAssetCache = errors.New("corrupt cache of built assets")

// readAssetCache reads the records of a cache file (see appendBuilt). One
// bad record makes the whole file unread. The outputs are copied: the file's
// bytes are not kept.
func readAssetCache(b []byte) (map[[32]byte]*builtAssets, error) {
	if !bytes.HasPrefix(b, []byte(assetCacheMagic)) {
		return nil, errBadAssetCache
	}
	r := assetReader{b: b[len(assetCacheMagic):]}
	m := map[[32]byte]*builtAssets{}
	for len(r.b) > 0 && r.err == nil {
		rec := r.b
		var key [32]byte
		copy(key[:], r.bytes(32))
		ba := &builtAssets{}
		for n := r.count(); n > 0 && r.err == nil; n-- {
			var in assetInput
			in.path = string(r.bytes(r.count()))
			copy(in.sum[:], r.bytes(32))
			ba.inputs = append(ba.inputs, in)
		}
		for n := r.count(); n > 0 && r.err == nil; n-- {
			var o assetOut
			o.path = string(r.bytes(r.count()))
			o.data = bytes.Clone(r.bytes(r.count()))
			ba.outs = append(ba.outs, o)
		}
		body := rec[:len(rec)-len(r.b)]
		sum := r.bytes(4)
		if r.err != nil || binary.BigEndian.Uint32(sum) != crc32.Checksum(body, crcTable) {
			return nil, errBadAssetCache
		}
		m[key] = ba
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}

// assetReader reads a cache file's fields; past the end or at a length
// that does not fit, it keeps errBadAssetCache and returns nothing more.
type assetReader struct {
	b   []byte
	err error
}

func (r *assetReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errBadAssetCache
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

// count reads a length or a number of items: never more than the bytes
// left, since each takes at least one.
func (r *assetReader) count() int {
	if r.err != nil {
		return 0
	}
	n, w := binary.Uvarint(r.b)
	if w <= 0 || n > uint64(len(r.b)) {
		r.err = errBadAssetCache
		return 0
	}
	r.b = r.b[w:]
	return int(n)
}
