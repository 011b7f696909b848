package site

import (
	"io/fs"
	"time"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// Today is the date at the instant now() (time.Now when nil) in the time
// zone of the site in fsys (tebiki.yaml; default Asia/Tokyo), whatever the
// zone of this computer. Problems in tebiki.yaml are left to Load to report.
func Today(fsys fs.FS, now func() time.Time) decide.Date {
	if now == nil {
		now = time.Now
	}
	return config.Load(fsys, &diag.List{}).Today(now())
}

// timeZone names the site's time zone.
func (s *Site) timeZone() string {
	if s.Config == nil {
		return config.DefaultZone
	}
	return s.Config.Timezone.Name
}
