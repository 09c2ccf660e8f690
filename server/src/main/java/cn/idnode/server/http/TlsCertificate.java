package cn.idnode.server.http;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate of the HTTPS port (handle-protocol.md §20.7: authenticated REST calls need TLS).
 *
 * <p>Design note. An operator may configure a PEM certificate chain and private key ({@code http.tlsCertificate},
 * {@code http.tlsPrivateKey}). Otherwise the node serves a self-signed certificate for its <em>site key</em> — the key
 * already published in HS_SITE, so a client that trusts the site record can check the TLS key against it, as CNRI's
 * server does with its auto-generated certificate. The certificate (never the key: that stays in
 * {@code siteprivkey.bin}) is written to {@code <dataDir>/keys/https-certificate.pem} so clients can pin it, and is
 * kept across restarts while it still matches the site key and the host names and has a year left; otherwise it is
 * made again (ten years, SHA256withRSA, subject alternative names: the published address, {@code localhost},
 * {@code 127.0.0.1}, {@code ::1}).
 */
final class TlsCertificate {
    static final String FILE_NAME = "https-certificate.pem";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration RENEW_BEFORE = Duration.ofDays(365);

    private TlsCertificate() {}

    /** The operator's files, if configured, else the self-signed site certificate in {@code keysDir}. */
    static KeyCertOptions options(Optional<Path> certificate, Optional<Path> privateKey, Path keysDir, KeyPair site,
                                  String commonName, List<String> hostNames) {
        if (certificate.isPresent() && privateKey.isPresent()) {
            return new PemKeyCertOptions().setCertPath(certificate.get().toString())
                    .setKeyPath(privateKey.get().toString());
        }
        X509Certificate cert = loadOrCreate(keysDir.resolve(FILE_NAME), site, commonName, hostNames);
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(pem(cert)))
                .setKeyValue(Buffer.buffer(pkcs8Pem(site)));
    }

    static X509Certificate loadOrCreate(Path file, KeyPair site, String commonName, List<String> hostNames) {
        Set<String> names = new LinkedHashSet<>(hostNames);
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        try {
            if (Files.exists(file)) {
                X509Certificate existing = read(file);
                if (stillGood(existing, site, names)) {
                    return existing;
                }
            }
            X509Certificate cert = create(site, commonName, names);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, pem(cert));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return cert;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the HTTPS certificate " + file + ": "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the HTTPS certificate: " + e.getMessage(), e);
        }
    }

    private static boolean stillGood(X509Certificate cert, KeyPair site, Set<String> names) {
        try {
            if (!cert.getPublicKey().equals(site.getPublic())) {
                return false;
            }
            if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return false;
            }
            Set<String> present = new LinkedHashSet<>();
            if (cert.getSubjectAlternativeNames() != null) {
                cert.getSubjectAlternativeNames().forEach(n -> present.add(String.valueOf(n.get(1))));
            }
            for (String n : names) {
                if (!present.contains(n) && !present.contains(normalizedIp(n))) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String normalizedIp(String name) {
        if (!isIpLiteral(name)) {
            return name;
        }
        try {
            return InetAddress.getByName(name).getHostAddress();
        } catch (IOException e) {
            return name;
        }
    }

    private static X509Certificate create(KeyPair site, String commonName, Set<String> names)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_") + ",O=idnode");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(VALIDITY)), subject, site.getPublic());
        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
            alt.add(new GeneralName(isIpLiteral(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(site.getPrivate())));
    }

    static boolean isIpLiteral(String name) {
        return name.matches("[0-9.]+") || name.contains(":");
    }

    static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static String pem(X509Certificate cert) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(cert);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String pkcs8Pem(KeyPair site) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(site.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
