FROM node:22-slim
WORKDIR app
USER node
