package cn.idnode.node.business;

/**
 * What an account may do in the business layer (snms-api.md §2.4, national-system.md §3.1). Data permissions
 * (who may write which identifier) are not roles: they follow the HS_ADMIN values of the records, through the
 * account's Handle identity.
 */
public enum Role {
    /** Platform administrator (平台管理员): accounts, enterprises, prefixes, everything an operator does. */
    ADMIN,
    /** Reviewer (审核员): the enterprise review queue; reads enterprises and prefixes. */
    REVIEWER,
    /** Enterprise user (企业用户): its own enterprise, prefixes, templates and identifiers. */
    ENTERPRISE,
    /** Application identity (应用身份, AK/SK): templates and identifiers of its enterprise. */
    APP
}
