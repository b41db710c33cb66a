/** The workstation's replication settings: what it keeps, what stays on the server, pinning. */
export const REPLICA_EN = {
  fromServerNotKept: 'Shown from the server: this workstation\'s replication settings do not keep it',
  fromServerAll: 'Shown from the server: every document you may read, also those not kept here',
  showOnServer: 'Show all on the server',
  showLocalReplica: 'Show the local replica',
  pinOffline: 'Keep on this workstation',
  pinned: 'Kept on this workstation: it opens offline too',
  pinFailed: 'It could not be kept now: the server cannot be reached.',
  fileOnServer: 'On the server',
};

export const REPLICA_ZH: typeof REPLICA_EN = {
  fromServerNotKept: '来自服务器：本工作站的复制设置不保存此文档',
  fromServerAll: '来自服务器：您可读的全部文档，包括本工作站未保存的',
  showOnServer: '显示服务器上的全部',
  showLocalReplica: '显示本地副本',
  pinOffline: '保存到本工作站',
  pinned: '已保存到本工作站：离线也能打开',
  pinFailed: '暂时无法保存：连不上服务器。',
  fileOnServer: '在服务器上',
};
