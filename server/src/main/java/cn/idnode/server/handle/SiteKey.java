package cn.idnode.server.handle;

import cn.idnode.protocol.ByteString;
import java.security.PrivateKey;

/** The site key pair: its HS_PUBKEY blob (published in HS_SITE, sent in session mode 2) and the private half. */
public record SiteKey(ByteString publicKeyBlob, PrivateKey privateKey) {}
