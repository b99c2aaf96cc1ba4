package alibaba

import (
	"github.com/vpnscope/vpnscope/api/alibaba"
)

// sslServerLoadedMsg answers a gateway view's side call for its SSL server
// (nil when the gateway has none).
type sslServerLoadedMsg struct {
	seq    int
	server *alibaba.SSLServer
	err    error
}
