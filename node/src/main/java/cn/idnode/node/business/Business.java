package cn.idnode.node.business;

import cn.idnode.node.account.AccessTokens;
import cn.idnode.node.account.AccountStore;
import cn.idnode.node.account.Passwords;
import cn.idnode.node.account.SecretBox;
import cn.idnode.node.auth.Authorizer;
import cn.idnode.node.enterprise.EnterpriseStore;
import cn.idnode.node.file.FileStore;
import cn.idnode.node.op.OperationContext;
import cn.idnode.node.prefix.PrefixPolicy;
import cn.idnode.node.prefix.PrefixTable;
import cn.idnode.node.record.RecordStore;
import cn.idnode.node.record.RecordWriter;
import cn.idnode.node.site.LocalSite;
import cn.idnode.node.template.Templates;
import cn.idnode.protocol.ByteString;
import cn.idnode.protocol.HandleNames;
import cn.idnode.protocol.ValueReference;
import cn.idnode.store.Store;
import java.time.InstantSource;

/**
 * What the business operations share: storage views, the record writer (validation, counters, audit), the Handle
 * permission model, accounts and their secrets, the node's prefix and site.
 *
 * @param nodePrefix the node's prefix, upper-cased ({@code 88.123})
 * @param nodeAdmin  the node's administrator identity {@code 300:0.NA/<prefix>}
 */
public record Business(Store store, RecordStore records, RecordWriter writer, Authorizer authorizer,
                       PrefixTable prefixes, PrefixPolicy policy, LocalSite site, InstantSource clock,
                       ByteString nodePrefix, ValueReference nodeAdmin, AccountStore accounts, Passwords passwords,
                       SecretBox secrets, AccessTokens tokens, BusinessSettings settings, Ids accountIds,
                       Ids enterpriseIds, Ids fileIds, Ids templateIds, EnterpriseStore enterprises,
                       Templates templates, FileStore files) {

    /** Index of each enterprise's members' group in its prefix handle (HS_VLIST). */
    public static final int GROUP_INDEX = 200;
    /**
     * Index of the operators' group in the node's own prefix handle — not 200, which administrators of the node's
     * prefix handle commonly use for their own groups.
     */
    public static final int OPERATORS_INDEX = 201;

    /** The operators' group {@code 201:0.NA/<node prefix>}: administrator accounts, server administrators. */
    public ValueReference operatorsGroup() {
        return operatorsGroup(nodePrefix);
    }

    public static ValueReference operatorsGroup(ByteString nodePrefix) {
        return new ValueReference(prefixHandle(nodePrefix), OPERATORS_INDEX);
    }

    /** The members' group of an enterprise prefix {@code 200:0.NA/<prefix>}. */
    public static ValueReference enterpriseGroup(ByteString prefixUpper) {
        return new ValueReference(prefixHandle(prefixUpper), GROUP_INDEX);
    }

    public static ByteString prefixHandle(ByteString prefix) {
        return HandleNames.ZERO_NA_PREFIX.concat(prefix.toAsciiUpperCase());
    }

    /** The identity of a user account: {@code 300:<node prefix>/User_<name>}. */
    public ValueReference userIdentity(String username) {
        return new ValueReference(nodePrefix.concat(ByteString.utf8("/User_" + username)), 300);
    }

    /** The identity of an application of an enterprise: {@code 300:<prefix>/App_<access key>}. */
    public static ValueReference appIdentity(ByteString prefixUpper, String accessKey) {
        return new ValueReference(prefixUpper.concat(ByteString.utf8("/App_" + accessKey)), 300);
    }

    /** An operation context acting as {@code who}, reading records directly from the store. */
    public OperationContext context(Principal who) {
        return new OperationContext(who.caller(), clock, records::get);
    }

    public long now() {
        return clock.millis();
    }
}
