package cn.idnode.node.business;

import cn.idnode.node.account.AccountBootstrap;
import cn.idnode.node.account.ChangePasswordOperation;
import cn.idnode.node.account.CreateAppCredentialOperation;
import cn.idnode.node.account.LoginOperation;
import cn.idnode.node.account.RegisterAccountOperation;
import cn.idnode.node.account.TokenAuthenticator;
import cn.idnode.node.audit.AuditQuery;
import cn.idnode.node.data.DeleteIdentifiersOperation;
import cn.idnode.node.data.IdentifierDetailOperation;
import cn.idnode.node.data.RegisterIdentifiersOperation;
import cn.idnode.node.enterprise.ApplicationValidator;
import cn.idnode.node.enterprise.ApplyEnterpriseOperation;
import cn.idnode.node.enterprise.ApproveEnterpriseOperation;
import cn.idnode.node.enterprise.ChangePrefixStateOperation;
import cn.idnode.node.enterprise.ConfigureResolutionOperation;
import cn.idnode.node.enterprise.EnterprisePrefix;
import cn.idnode.node.enterprise.EnterpriseQueryOperation;
import cn.idnode.node.enterprise.PrefixQueryOperation;
import cn.idnode.node.enterprise.RejectEnterpriseOperation;
import cn.idnode.node.enterprise.ReviewHostingOperation;
import cn.idnode.node.enterprise.StartReviewOperation;
import cn.idnode.node.file.ReadFileOperation;
import cn.idnode.node.file.UploadFileOperation;
import cn.idnode.node.op.ResolveOperation;
import cn.idnode.node.prefix.PrefixStatus;
import cn.idnode.node.standard.Industries;
import cn.idnode.node.standard.Regions;
import cn.idnode.node.standard.TemplatePacks;
import cn.idnode.node.template.DeleteTemplateOperation;
import cn.idnode.node.template.InstallTemplatePackOperation;
import cn.idnode.node.template.SaveTemplateOperation;
import cn.idnode.node.template.TemplateQueryOperation;
import cn.idnode.node.template.TemplateRules;
import cn.idnode.protocol.ByteString;

/**
 * The secondary-node business actions (snms-api.md, national-system.md §3–4), one operation each, assembled over one
 * {@link Business}. Adapters (the SNMS REST API, the console, the command line) run them through the node's
 * operation runner with the caller's {@link Principal}.
 */
public final class BusinessOperations {
    private final Business business;
    private final TokenAuthenticator authenticator;
    private final LoginOperation login;
    private final RegisterAccountOperation registerAccount;
    private final ChangePasswordOperation changePassword;
    private final CreateAppCredentialOperation createAppCredential;
    private final UploadFileOperation uploadFile;
    private final ReadFileOperation readFile;
    private final ApplyEnterpriseOperation apply;
    private final StartReviewOperation startReview;
    private final ApproveEnterpriseOperation approve;
    private final RejectEnterpriseOperation reject;
    private final ConfigureResolutionOperation configureResolution;
    private final ReviewHostingOperation reviewHosting;
    private final ChangePrefixStateOperation changePrefixState;
    private final PrefixQueryOperation prefixQuery;
    private final EnterpriseQueryOperation enterpriseQuery;
    private final SaveTemplateOperation saveTemplate;
    private final DeleteTemplateOperation deleteTemplate;
    private final TemplateQueryOperation templateQuery;
    private final InstallTemplatePackOperation installPack;
    private final RegisterIdentifiersOperation registerIdentifiers;
    private final DeleteIdentifiersOperation deleteIdentifiers;
    private final IdentifierDetailOperation identifierDetail;
    private final AuditQuery auditQuery;
    private final TemplatePacks packs;

    public BusinessOperations(Business b, ResolveOperation resolve, Regions regions, Industries industries,
                              TemplatePacks packs) {
        this.business = b;
        this.packs = packs;
        this.authenticator = new TokenAuthenticator(b);
        this.login = new LoginOperation(b);
        this.registerAccount = new RegisterAccountOperation(b);
        this.changePassword = new ChangePasswordOperation(b);
        this.createAppCredential = new CreateAppCredentialOperation(b);
        this.uploadFile = new UploadFileOperation(b, b.files());
        this.readFile = new ReadFileOperation(b);
        this.apply = new ApplyEnterpriseOperation(b, new ApplicationValidator(regions, industries,
                b.nodePrefix().utf8()));
        this.startReview = new StartReviewOperation(b);
        this.approve = new ApproveEnterpriseOperation(b);
        this.reject = new RejectEnterpriseOperation(b);
        this.configureResolution = new ConfigureResolutionOperation(b);
        this.reviewHosting = new ReviewHostingOperation(b);
        this.changePrefixState = new ChangePrefixStateOperation(b);
        this.prefixQuery = new PrefixQueryOperation(b);
        this.enterpriseQuery = new EnterpriseQueryOperation(b);
        this.saveTemplate = new SaveTemplateOperation(b, new TemplateRules(industries));
        this.deleteTemplate = new DeleteTemplateOperation(b);
        this.templateQuery = new TemplateQueryOperation(b);
        this.installPack = new InstallTemplatePackOperation(saveTemplate, packs);
        this.registerIdentifiers = new RegisterIdentifiersOperation(b);
        this.deleteIdentifiers = new DeleteIdentifiersOperation(b);
        this.identifierDetail = new IdentifierDetailOperation(resolve);
        this.auditQuery = new AuditQuery(b);
        for (EnterprisePrefix p : b.enterprises().prefixes()) {
            PrefixStatus.of(p.status()).ifPresent(s -> b.policy().states().set(ByteString.utf8(p.prefix()), s));
        }
    }

    /** Creates the first administrator account if there is none; returns its password once (empty otherwise). */
    public java.util.Optional<String> bootstrap() {
        return AccountBootstrap.ensureAdministrator(business);
    }

    public Business business() {
        return business;
    }

    public TemplatePacks packs() {
        return packs;
    }

    public TokenAuthenticator authenticator() {
        return authenticator;
    }

    public LoginOperation login() {
        return login;
    }

    public RegisterAccountOperation registerAccount() {
        return registerAccount;
    }

    public ChangePasswordOperation changePassword() {
        return changePassword;
    }

    public CreateAppCredentialOperation createAppCredential() {
        return createAppCredential;
    }

    public UploadFileOperation uploadFile() {
        return uploadFile;
    }

    public ReadFileOperation readFile() {
        return readFile;
    }

    public ApplyEnterpriseOperation apply() {
        return apply;
    }

    public StartReviewOperation startReview() {
        return startReview;
    }

    public ApproveEnterpriseOperation approve() {
        return approve;
    }

    public RejectEnterpriseOperation reject() {
        return reject;
    }

    public ConfigureResolutionOperation configureResolution() {
        return configureResolution;
    }

    public ReviewHostingOperation reviewHosting() {
        return reviewHosting;
    }

    public ChangePrefixStateOperation changePrefixState() {
        return changePrefixState;
    }

    public PrefixQueryOperation prefixQuery() {
        return prefixQuery;
    }

    public EnterpriseQueryOperation enterpriseQuery() {
        return enterpriseQuery;
    }

    public SaveTemplateOperation saveTemplate() {
        return saveTemplate;
    }

    public DeleteTemplateOperation deleteTemplate() {
        return deleteTemplate;
    }

    public TemplateQueryOperation templateQuery() {
        return templateQuery;
    }

    public InstallTemplatePackOperation installPack() {
        return installPack;
    }

    public RegisterIdentifiersOperation registerIdentifiers() {
        return registerIdentifiers;
    }

    public DeleteIdentifiersOperation deleteIdentifiers() {
        return deleteIdentifiers;
    }

    public IdentifierDetailOperation identifierDetail() {
        return identifierDetail;
    }

    public AuditQuery auditQuery() {
        return auditQuery;
    }
}
