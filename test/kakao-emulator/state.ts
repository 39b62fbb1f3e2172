// In-memory data of the emulator: channels, users, access tokens, customer files.
import type {
	EmulatorAccessToken,
	EmulatorChannel,
	EmulatorFile,
	EmulatorUser,
	Relation,
	RelationInfo,
} from './types';
import { FIRST_FILE_ID, isNumericId, kstDateTime, normalizeStoredPhone, rfc3339 } from './rules';

export interface StoredUser {
	id: string;
	phone?: string;
	talkUser: boolean;
	relations: Map<string, RelationInfo>;
}

export interface StoredFile extends EmulatorFile {
	update_at: string;
}

export class EmulatorState {
	readonly channels = new Map<string, Required<EmulatorChannel>>();
	readonly users = new Map<string, StoredUser>();
	readonly phoneIndex = new Map<string, string>();
	readonly tokens = new Map<string, EmulatorAccessToken>();
	/** channel publicId -> files (kept after the channel is re-added) */
	readonly filesByChannel = new Map<string, StoredFile[]>();
	nextFileId = FIRST_FILE_ID;

	clear(): void {
		this.channels.clear();
		this.users.clear();
		this.phoneIndex.clear();
		this.tokens.clear();
		this.filesByChannel.clear();
		this.nextFileId = FIRST_FILE_ID;
	}

	addChannel(c: EmulatorChannel): void {
		if (typeof c.publicId !== 'string' || c.publicId === '')
			throw new Error('channel publicId is required');
		this.channels.set(c.publicId, {
			publicId: c.publicId,
			uuid: c.uuid,
			connected: c.connected ?? true,
			sanctioned: c.sanctioned ?? false,
		});
	}

	addUser(u: EmulatorUser): void {
		if (!isNumericId(u.id))
			throw new Error(`user id must be a numeric string, got ${JSON.stringify(u.id)}`);
		let phone: string | undefined;
		if (u.phone !== undefined) {
			phone = normalizeStoredPhone(u.phone);
			if (phone === undefined) throw new Error(`cannot normalise phone ${JSON.stringify(u.phone)}`);
		}
		const old = this.users.get(u.id);
		if (old?.phone !== undefined && this.phoneIndex.get(old.phone) === u.id)
			this.phoneIndex.delete(old.phone);
		const relations = new Map<string, RelationInfo>();
		const now = rfc3339();
		for (const [channelId, info] of Object.entries(u.relations ?? {})) {
			const r: RelationInfo = { relation: info.relation };
			if (info.relation === 'ADDED') r.created_at = info.created_at ?? now;
			if (info.relation !== 'NONE') r.updated_at = info.updated_at ?? now;
			relations.set(channelId, r);
		}
		this.users.set(u.id, { id: u.id, phone, talkUser: u.talkUser ?? true, relations });
		if (phone !== undefined) this.phoneIndex.set(phone, u.id);
	}

	addAccessToken(t: EmulatorAccessToken): void {
		this.tokens.set(t.token, {
			token: t.token,
			userId: t.userId,
			scopes: [...t.scopes],
			expiresAt: t.expiresAt,
		});
	}

	/** Changes a relation and stamps the times like Kakao would: a (re-)add sets created_at and updated_at, a block sets updated_at. */
	setRelation(userId: string, channelPublicId: string, relation: Relation): void {
		const user = this.users.get(userId);
		if (!user) throw new Error(`unknown user ${userId}`);
		const prev = user.relations.get(channelPublicId);
		if (prev?.relation === relation) return;
		const now = rfc3339();
		const next: RelationInfo = { relation };
		if (relation === 'ADDED') next.created_at = now;
		if (relation !== 'NONE') next.updated_at = now;
		user.relations.set(channelPublicId, next);
	}

	relationOf(user: StoredUser, channelPublicId: string): RelationInfo {
		return user.relations.get(channelPublicId) ?? { relation: 'NONE' };
	}

	filesOf(channelPublicId: string): StoredFile[] {
		let list = this.filesByChannel.get(channelPublicId);
		if (!list) {
			list = [];
			this.filesByChannel.set(channelPublicId, list);
		}
		return list;
	}

	createFile(
		channelPublicId: string,
		fileName: string,
		schema: Record<string, string>,
	): StoredFile {
		const file: StoredFile = {
			file_id: this.nextFileId++,
			file_name: fileName,
			status: 'USING',
			schema,
			members: new Map(),
			update_at: kstDateTime(),
		};
		this.filesOf(channelPublicId).push(file);
		return file;
	}

	/** Service user id of an id given with user_type app/phone, when such a user exists. */
	resolveUser(
		userType: 'app' | 'phone',
		id: string,
		normalizePhone: (s: string) => string | undefined,
	): StoredUser | undefined {
		if (userType === 'app') return isNumericId(id) ? this.users.get(id) : undefined;
		const phone = normalizePhone(id);
		const uid = phone === undefined ? undefined : this.phoneIndex.get(phone);
		return uid === undefined ? undefined : this.users.get(uid);
	}

	/** Read-only copies for test assertions. */
	filesView(channelPublicId: string): EmulatorFile[] {
		return (this.filesByChannel.get(channelPublicId) ?? []).map((f) => ({
			file_id: f.file_id,
			file_name: f.file_name,
			status: f.status,
			schema: { ...f.schema },
			members: new Map(
				[...f.members].map(([k, v]) => [k, { ...v }] as [string, Record<string, unknown>]),
			),
			...(f.user_type !== undefined ? { user_type: f.user_type } : {}),
		}));
	}
}
