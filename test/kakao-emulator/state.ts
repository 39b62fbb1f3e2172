// In-memory data of the emulator: channels, users, access tokens, customer files.
import * as rules from './rules';
import type * as T from './types';

const { FIRST_FILE_ID, isNumericId, kstDateTime, normalizeRequestPhone, rfc3339 } = rules;

export interface StoredUser {
	id: string;
	phone?: string;
	talkUser: boolean;
	relations: Map<string, T.RelationInfo>;
}

export type StoredChannel = Required<T.EmulatorChannel>;
export type StoredFile = T.EmulatorFile & { update_at: string };

/** Times as Kakao stamps them: created_at only with ADDED, updated_at with ADDED or BLOCKED. */
function stamped(relation: T.Relation, given: Partial<T.RelationInfo> = {}): T.RelationInfo {
	const now = rfc3339();
	const info: T.RelationInfo = { relation };
	if (relation === 'ADDED') info.created_at = given.created_at ?? now;
	if (relation !== 'NONE') info.updated_at = given.updated_at ?? now;
	return info;
}

export class EmulatorState {
	readonly channels = new Map<string, StoredChannel>();
	readonly users = new Map<string, StoredUser>();
	readonly phoneIndex = new Map<string, string>();
	readonly tokens = new Map<string, T.EmulatorAccessToken>();
	/** channel publicId -> its files */
	readonly filesByChannel = new Map<string, StoredFile[]>();
	nextFileId = FIRST_FILE_ID;

	clear(): void {
		const maps = [this.channels, this.users, this.phoneIndex, this.tokens, this.filesByChannel];
		for (const map of maps) map.clear();
		this.nextFileId = FIRST_FILE_ID;
	}

	addChannel({ publicId, uuid, connected = true, sanctioned = false }: T.EmulatorChannel): void {
		if (typeof publicId !== 'string' || publicId === '')
			throw new Error('channel publicId is required');
		this.channels.set(publicId, { publicId, uuid, connected, sanctioned });
	}

	addUser(u: T.EmulatorUser): void {
		if (!isNumericId(u.id))
			throw new Error(`user id must be a numeric string, got ${JSON.stringify(u.id)}`);
		const phone = u.phone === undefined ? undefined : rules.normalizeStoredPhone(u.phone);
		if (u.phone !== undefined && phone === undefined)
			throw new Error(`cannot normalise phone ${JSON.stringify(u.phone)}`);
		const old = this.users.get(u.id)?.phone;
		if (old !== undefined && this.phoneIndex.get(old) === u.id) this.phoneIndex.delete(old);
		const given = Object.entries(u.relations ?? {});
		const relations = new Map(given.map(([ch, info]) => [ch, stamped(info.relation, info)]));
		this.users.set(u.id, { id: u.id, phone, talkUser: u.talkUser ?? true, relations });
		if (phone !== undefined) this.phoneIndex.set(phone, u.id);
	}

	addAccessToken(t: T.EmulatorAccessToken): void {
		this.tokens.set(t.token, { ...t, scopes: [...t.scopes] });
	}

	/** A (re-)add stamps created_at and updated_at, a block updated_at, as Kakao does. */
	setRelation(userId: string, channelPublicId: string, relation: T.Relation): void {
		const user = this.users.get(userId);
		if (!user) throw new Error(`unknown user ${userId}`);
		if (user.relations.get(channelPublicId)?.relation !== relation)
			user.relations.set(channelPublicId, stamped(relation));
	}

	relationOf(user: StoredUser, channelPublicId: string): T.RelationInfo {
		return user.relations.get(channelPublicId) ?? { relation: 'NONE' };
	}

	filesOf(channel: string): StoredFile[] {
		return this.filesByChannel.get(channel) ?? this.filesByChannel.set(channel, []).get(channel)!;
	}

	createFile(channel: string, file_name: string, schema: Record<string, string>): StoredFile {
		const [file_id, update_at] = [this.nextFileId++, kstDateTime()];
		const file = { file_id, file_name, status: 'USING', schema, members: new Map(), update_at };
		this.filesOf(channel).push(file);
		return file;
	}

	/** The user an id given with user_type app or phone names, when there is one. */
	resolveUser(userType: 'app' | 'phone', id: string): StoredUser | undefined {
		if (userType === 'app') return isNumericId(id) ? this.users.get(id) : undefined;
		return this.users.get(this.phoneIndex.get(normalizeRequestPhone(id) ?? '') ?? '');
	}

	/** Copies, for test assertions. */
	filesView(channelPublicId: string): T.EmulatorFile[] {
		return (this.filesByChannel.get(channelPublicId) ?? []).map(({ update_at, ...f }) => ({
			...f,
			schema: { ...f.schema },
			members: new Map([...f.members].map(([k, v]) => [k, { ...v }])),
		}));
	}
}
